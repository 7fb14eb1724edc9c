import { ScenarioSchema, type FlowDocument, type Scenario } from '@switchboard/flows';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallInputsFields } from '../CallInputsFields';
import { ExpectationsEditor } from './ExpectationsEditor';
import { FieldProblems, ProblemSummary } from './FieldProblems';
import type { FormProblem } from './form-problem';
import { scenarioFromForm, scenarioToForm, type ScenarioForm } from './scenario-form';
import { ScriptEditor } from './ScriptEditor';
import { ViewSwitch, type EditorView } from './ViewSwitch';

interface ScenarioEditorProps {
  scenario: Scenario;
  document: FlowDocument;
  /** Names of the flow's other scenarios: names are unique within a flow. */
  takenNames: ReadonlySet<string>;
  onSave: (scenario: Scenario) => void;
  onCancel: () => void;
}

type Read = { ok: true; scenario: Scenario } | { ok: false; problems: FormProblem[] } | { ok: false; json: string };

function readJson(text: string): Read {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, json: error instanceof Error ? error.message : String(error) };
  }
  const parsed = ScenarioSchema.safeParse(json);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path as (string | number)[], message: issue.message, translate: false })) };
}

/**
 * A saved scenario as a form — call settings, what the caller does, what must happen — or as JSON for those who want
 * it (the format explained beside it). Problems name their field; what the form does not show is kept as it was.
 */
export function ScenarioEditor({ scenario, document, takenNames, onSave, onCancel }: ScenarioEditorProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<EditorView>('form');
  /** The scenario the form stands on: what it does not show comes from here. */
  const [base, setBase] = useState(scenario);
  const [form, setForm] = useState<ScenarioForm>(() => scenarioToForm(scenario));
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);

  const current = (): Read => (view === 'form' ? scenarioFromForm(form, base) : readJson(text));
  const refuse = (read: Exclude<Read, { ok: true }>) => {
    if ('json' in read) setJsonProblem(t('simulator.form.jsonProblem', { message: read.json }));
    else setProblems(read.problems);
  };

  const switchTo = (next: EditorView) => {
    if (next === view) return;
    const read = current();
    if (!read.ok) return refuse(read);
    setProblems([]);
    setJsonProblem(null);
    if (next === 'json') setText(JSON.stringify(read.scenario, null, 2));
    else {
      setBase(read.scenario);
      setForm(scenarioToForm(read.scenario));
    }
    setView(next);
  };

  const save = () => {
    const read = current();
    if (!read.ok) return refuse(read);
    if (takenNames.has(read.scenario.name)) return setJsonProblem(t('simulator.scenarios.nameTaken', { name: read.scenario.name }));
    onSave(read.scenario);
  };

  return (
    <div className="sb-sim-edit" data-testid="scenario-editor">
      <ViewSwitch view={view} onChange={switchTo} label={t('simulator.form.scenario')} />
      <ProblemSummary problems={problems} />
      {view === 'form' ? (
        <div className="sb-sim-form">
          <label className="sb-sim-wide">
            {t('simulator.form.name')}
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <FieldProblems problems={problems} field={['name']} />
          <label className="sb-sim-wide">
            {t('simulator.form.description')}
            <textarea rows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
          </label>
          <CallInputsFields form={form.inputs} onChange={(inputs) => setForm({ ...form, inputs })} languages={document.languages} problems={problems} />
          <ScriptEditor steps={form.script} onChange={(script) => setForm({ ...form, script })} problems={problems} />
          <ExpectationsEditor expect={form.expect} onChange={(expect) => setForm({ ...form, expect })} document={document} problems={problems} />
        </div>
      ) : (
        <div className="sb-sim-json">
          <textarea
            aria-label={t('simulator.scenarios.json')}
            rows={14}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setJsonProblem(null);
              setProblems([]);
            }}
          />
          <details>
            <summary>{t('simulator.form.formatTitle')}</summary>
            <p className="sb-sim-muted">{t('simulator.form.scenarioFormat')}</p>
          </details>
        </div>
      )}
      {jsonProblem && <p role="alert">{jsonProblem}</p>}
      <button type="button" className="sb-app-button sb-app-button--primary" onClick={save}>
        {t('simulator.scenarios.saveEdit')}
      </button>
      <button type="button" className="sb-app-button" onClick={onCancel}>
        {t('simulator.scenarios.cancelEdit')}
      </button>
    </div>
  );
}
