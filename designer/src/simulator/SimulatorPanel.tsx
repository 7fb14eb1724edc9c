import { scenarioFromRun, type CompiledFlow, type FlowDocument, type Scenario } from '@switchboard/flows';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeHighlight } from '../editor';
import { stepName } from '../editor/names/describe-place';
import { CallInputsFields } from './CallInputsFields';
import { CalendarNotice } from './CalendarNotice';
import type { FormProblem } from './forms/form-problem';
import { problemText } from './forms/problem-text';
import { defaultFormFor, formFromScenario, inputsFromForm, type CallInputsForm } from './call-inputs';
import { pathHighlights } from './highlights';
import { Keypad } from './Keypad';
import { ScenarioList } from './ScenarioList';
import { SubflowNotice } from './SubflowNotice';
import { SurveyCallBack } from './SurveyCallBack';
import { TranscriptView } from './TranscriptView';
import { transcriptNames } from './transcript-names';
import { transcriptLines } from './transcript-lines';
import type { CalendarLibrary } from './useCalendarLibrary';
import { useTestCall } from './useTestCall';
import './simulator.css';

export interface SimulatorPanelProps {
  /** The document to call: the draft, or a version chosen by the caller of this panel. */
  document: FlowDocument;
  /** Lights the call's path on the canvas (`active` / `visited`); called with `{}` when the call is cleared. */
  onHighlights: (highlights: Record<string, NodeHighlight>) => void;
  /** Saves the flow's scenarios with the draft; absent when the user may not save scenarios. */
  onScenariosChange?: (scenarios: Scenario[]) => void;
  /** Why scenarios cannot be saved (shown on the disabled controls). */
  editDeniedReason?: string;
  /** Published versions of the sub-flows the document calls, and the ones that are not published. */
  subflows?: { flows: readonly CompiledFlow[]; unpublished: readonly string[]; loading: boolean; loadError: string | null };
  /** Current revisions of the calendars the document's schedules name, and the ones that do not exist. */
  calendars?: CalendarLibrary;
  /** The clock the call settings start from ("now" in the flow's schedule time zone); tests pass a fixed one. */
  now?: () => number;
}

const NO_CALENDARS: CalendarLibrary = { calendars: {}, missing: [], loading: false, loadError: null };

const NO_SUBFLOWS: NonNullable<SimulatorPanelProps['subflows']> = { flows: [], unpublished: [], loading: false, loadError: null };

/** Speaks new prompts with the browser's speech synthesis, when the tester turned it on and the browser has it. */
function useSpokenPrompts(enabled: boolean, prompts: ReadonlyArray<{ text: string; language: string }>) {
  const spoken = useRef(0);
  useEffect(() => {
    const synthesis = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
    if (!enabled || !synthesis || typeof SpeechSynthesisUtterance === 'undefined') {
      spoken.current = prompts.length;
      return;
    }
    for (const prompt of prompts.slice(spoken.current)) {
      const utterance = new SpeechSynthesisUtterance(prompt.text);
      utterance.lang = prompt.language;
      synthesis.speak(utterance);
    }
    spoken.current = prompts.length;
  }, [enabled, prompts]);
}

/**
 * Test calls in the browser on the same interpreter the runtime runs, with a simulated switch: inputs, a keypad,
 * stay silent / hang up, the virtual clock, a transcript with the exact FreeSWITCH commands, the path on the
 * canvas, and the flow's saved scenarios.
 */
export function SimulatorPanel({ document, onHighlights, onScenariosChange, editDeniedReason, subflows = NO_SUBFLOWS, calendars = NO_CALENDARS, now = Date.now }: SimulatorPanelProps) {
  const { t, i18n } = useTranslation();
  // Starts at "now" in the time zone of the flow's schedule, where a tester expects a test call to happen.
  const [form, setForm] = useState<CallInputsForm>(() => defaultFormFor(document, now()));
  const [formProblems, setFormProblems] = useState<FormProblem[]>([]);
  const [showDetails, setShowDetails] = useState(false);
  const [speak, setSpeak] = useState(false);
  const [scenarioName, setScenarioName] = useState('');
  /** A run about to be saved under a name already taken: replace that scenario only once the tester says so. */
  const [replacing, setReplacing] = useState<Scenario | null>(null);
  const [panel, setPanel] = useState<HTMLElement | null>(null);
  /** Counts test calls started: each gets its own survey call-back. */
  const [callsStarted, setCallsStarted] = useState(0);
  const call = useTestCall(document, subflows.flows, calendars.calendars);
  const simulation = call.simulation;

  const lines = useMemo(() => (simulation ? transcriptLines(simulation.transcript) : []), [simulation, call.revision]);
  const names = useMemo(() => transcriptNames(document, t), [document, t]);
  const prompts = useMemo(() => lines.flatMap((line) => (line.kind === 'heard' && !line.audio ? [{ text: line.text, language: line.language }] : [])), [lines]);
  useSpokenPrompts(speak, prompts);

  useEffect(() => {
    onHighlights(simulation ? pathHighlights(simulation) : {});
  }, [simulation, call.revision, onHighlights]);

  const startCall = () => {
    const inputs = inputsFromForm(form);
    if (!inputs.ok) return setFormProblems(inputs.problems);
    setFormProblems([]);
    call.start(inputs.inputs);
    setCallsStarted((count) => count + 1);
  };

  const saved = document.scenarios ?? [];
  const saveRun = () => {
    if (!simulation || !onScenariosChange) return;
    const name = scenarioName.trim() || freeDefaultName(saved, (count) => t('simulator.save.defaultName', { count }));
    const scenario = scenarioFromRun(simulation, name);
    // Names are unique within a flow: a taken one is replaced only when the tester confirms.
    if (saved.some((s) => s.name === name)) return setReplacing(scenario);
    onScenariosChange([...saved, scenario]);
    setScenarioName('');
  };
  const replaceScenario = () => {
    if (!replacing || !onScenariosChange) return;
    onScenariosChange(saved.map((s) => (s.name === replacing.name ? replacing : s)));
    setReplacing(null);
    setScenarioName('');
  };

  const live = simulation !== null && !simulation.ended;
  const timezone = simulation?.inputs.call.timezone ?? form.timezone;
  const activeNodeId = simulation?.activeNode?.nodeId ?? '';
  const activeNode = simulation?.activeNode?.flow === document.name ? document.nodes.find((n) => n.id === activeNodeId) : undefined;
  const activeName = activeNode ? stepName(t, activeNode).name : activeNodeId;
  const status = !simulation
    ? null
    : simulation.ended
      ? t('simulator.status.ended', { outcome: t(`simulator.outcomes.${simulation.outcome ?? 'inProgress'}`) })
      : simulation.waitingFor === 'digits'
        ? t('simulator.status.waitingForKeys', { node: activeName })
        : simulation.waitingFor === 'queue'
          ? t('simulator.status.inQueue', { node: activeName })
          : t('simulator.status.at', { node: activeName });

  return (
    <aside className="sb-sim" ref={setPanel} tabIndex={-1} aria-label={t('simulator.title')} data-testid="simulator-panel">
      <h2>{t('simulator.title')}</h2>
      {/* Open at first; the tester folds it away (or back) — a call in progress does not close it. */}
      <details open>
        <summary>{t('simulator.inputs.title')}</summary>
        <CallInputsFields form={form} onChange={setForm} languages={document.languages} problems={formProblems} />
      </details>
      <SubflowNotice unpublished={subflows.unpublished} loading={subflows.loading} loadError={subflows.loadError} />
      <CalendarNotice library={calendars} />
      <div className="sb-sim-controls">
        <button type="button" className="sb-app-button sb-app-button--primary" onClick={startCall}>
          {simulation ? t('simulator.restart') : t('simulator.start')}
        </button>
        <label className="sb-sim-check">
          <input type="checkbox" checked={call.mode === 'step'} onChange={(e) => call.setMode(e.target.checked ? 'step' : 'run')} />
          {t('simulator.stepMode')}
        </label>
        <label className="sb-sim-check">
          <input type="checkbox" checked={call.realTime} onChange={(e) => call.setRealTime(e.target.checked)} />
          {t('simulator.realTime')}
        </label>
        <label className="sb-sim-check">
          <input type="checkbox" checked={speak} onChange={(e) => setSpeak(e.target.checked)} />
          {t('simulator.speak')}
        </label>
      </div>
      {formProblems.length > 0 && (
        <p role="alert" className="sb-sim-problem" data-testid="call-settings-problems">
          {t('simulator.problems.inputs', { problem: formProblems.map((problem) => problemText(t, problem)).join('; ') })}
        </p>
      )}
      {call.problem && (
        <p role="alert" className="sb-sim-problem">
          {call.problem.kind === 'doesNotCompile' ? t('simulator.problems.doesNotCompileCount', { count: call.problem.errors }) : t('simulator.problems.cannotStart', { message: call.problem.message })}
        </p>
      )}
      {simulation && (
        <>
          <p className="sb-sim-status" data-testid="simulator-status" role="status">
            {status} · <time>{t('simulator.clock', { time: simulation ? localTimeLabel(simulation.now, timezone, i18n.language) : '' })}</time>
          </p>
          <Keypad disabled={!live} onPress={(key) => call.act((c) => void c.press(key))} keyboardTarget={panel} />
          <div className="sb-sim-controls">
            <button type="button" className="sb-app-button" disabled={!live} onClick={() => call.act((c) => c.silence())}>{t('simulator.silence')}</button>
            <button type="button" className="sb-app-button" disabled={!live} onClick={() => call.act((c) => c.hangUp())}>{t('simulator.hangUp')}</button>
            <button type="button" className="sb-app-button" disabled={!live || !simulation.next} onClick={() => call.act((c) => void c.step())}>{t('simulator.step')}</button>
            <button type="button" className="sb-app-button" disabled={!live} onClick={() => call.act((c) => void c.runToInput())}>{t('simulator.run')}</button>
            {[10, 60].map((seconds) => (
              <button key={seconds} type="button" className="sb-app-button" disabled={!live} onClick={() => call.act((c) => c.advance(seconds))}>
                {t('simulator.advance', { seconds })}
              </button>
            ))}
          </div>
          <label className="sb-sim-check">
            <input type="checkbox" checked={showDetails} onChange={(e) => setShowDetails(e.target.checked)} />
            {t('simulator.showEvents')}
          </label>
          <TranscriptView lines={lines} timezone={timezone} showDetails={showDetails} names={names} />
          {/* The survey call-back this call booked, if any: the tester takes it as the caller once the call ended. */}
          {simulation.ended && <SurveyCallBack key={callsStarted} original={simulation} timezone={timezone} showDetails={showDetails} names={names} keyboardTarget={panel} />}
          <div className="sb-sim-save">
            <input
              aria-label={t('simulator.save.name')}
              placeholder={t('simulator.save.name')}
              value={scenarioName}
              onChange={(e) => {
                setScenarioName(e.target.value);
                setReplacing(null);
              }}
            />
            <button type="button" className="sb-app-button" disabled={!onScenariosChange} title={editDeniedReason} onClick={saveRun}>
              {t('simulator.save.button')}
            </button>
          </div>
          {replacing && (
            <div role="alert" className="sb-sim-problem" data-testid="scenario-replace">
              {t('simulator.save.exists', { name: replacing.name })}{' '}
              <button type="button" className="sb-app-button" onClick={replaceScenario}>{t('simulator.save.replace')}</button>
              <button type="button" className="sb-app-button" onClick={() => setReplacing(null)}>{t('simulator.save.cancel')}</button>
            </div>
          )}
        </>
      )}
      <ScenarioList
        document={document}
        subflows={subflows.flows}
        calendars={calendars.calendars}
        onChange={onScenariosChange}
        editDeniedReason={editDeniedReason}
        onLoad={(scenario) => {
          setForm(formFromScenario(scenario));
          setScenarioName(scenario.name);
        }}
      />
    </aside>
  );
}

/** The first default name (`Scenario 3`, `Scenario 4`, …) no saved scenario has. */
function freeDefaultName(saved: readonly Scenario[], named: (count: number) => string): string {
  const taken = new Set(saved.map((s) => s.name));
  let count = saved.length + 1;
  while (taken.has(named(count))) count++;
  return named(count);
}

/** The simulated time in the UI's language (was the browser's locale: English dates in the Chinese UI). */
function localTimeLabel(at: number, timezone: string, language: string): string {
  return `${new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', timeZone: timezone }).format(at)} (${timezone})`;
}
