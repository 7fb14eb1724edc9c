import { compileFlow, linkProgram, runScenario, ScenarioSchema, type CompiledCalendar, type CompiledFlow, type FlowDocument, type Scenario, type ScenarioResult } from '@switchboard/flows';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { differenceText } from './difference-text';

/**
 * The flow's saved scenarios: run them all (green / red with the first difference), load one into the start
 * form, edit one as JSON, or delete it. Changing them needs the right to save scenarios. Runs link the
 * published `subflows`, as publishing does.
 */
export function ScenarioList({
  document,
  subflows,
  calendars,
  onChange,
  editDeniedReason,
  onLoad,
}: {
  document: FlowDocument;
  subflows: readonly CompiledFlow[];
  /** The calendars' current revisions, as the runtime would use them for a call now. */
  calendars?: Readonly<Record<string, CompiledCalendar>>;
  onChange: ((scenarios: Scenario[]) => void) | undefined;
  editDeniedReason: string | undefined;
  onLoad: (scenario: Scenario) => void;
}) {
  const { t } = useTranslation();
  const scenarios = document.scenarios ?? [];
  // Keyed by the scenario itself, so each row shows its own result (two runs never share a name's entry), and a
  // scenario that arrived or changed since the run shows none.
  const [results, setResults] = useState<ReadonlyMap<Scenario, Pick<ScenarioResult, 'passed' | 'difference'>> | null>(null);
  const [editing, setEditing] = useState<{ index: number; text: string; problem: string | null } | null>(null);

  const runAll = () => {
    const compiled = compileFlow(document).compiled;
    const next = new Map<Scenario, Pick<ScenarioResult, 'passed' | 'difference'>>();
    for (const scenario of scenarios) {
      next.set(scenario, compiled ? runScenario(linkProgram(compiled, subflows, calendars), scenario) : { passed: false, difference: { kind: 'cannotStart', message: t('simulator.problems.doesNotCompile') } });
    }
    setResults(next);
  };

  const saveEdit = () => {
    if (!editing || !onChange) return;
    let parsed;
    try {
      parsed = ScenarioSchema.safeParse(JSON.parse(editing.text));
    } catch (error) {
      return setEditing({ ...editing, problem: error instanceof Error ? error.message : String(error) });
    }
    if (!parsed.success) return setEditing({ ...editing, problem: `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}` });
    if (scenarios.some((scenario, index) => index !== editing.index && scenario.name === parsed.data.name)) {
      return setEditing({ ...editing, problem: t('simulator.scenarios.nameTaken', { name: parsed.data.name }) });
    }
    onChange(scenarios.map((scenario, index) => (index === editing.index ? parsed.data : scenario)));
    setEditing(null);
    setResults(null);
  };

  const shown = results ? scenarios.flatMap((scenario) => results.get(scenario) ?? []) : [];
  const passed = shown.filter((r) => r.passed).length;
  return (
    <section className="sb-sim-scenarios" aria-label={t('simulator.scenarios.title')}>
      <header>
        <h3>{t('simulator.scenarios.title')}</h3>
        <button type="button" className="sb-app-button" disabled={scenarios.length === 0} onClick={runAll}>
          {t('simulator.scenarios.runAll')}
        </button>
      </header>
      {scenarios.length === 0 && <p className="sb-sim-muted">{t('simulator.scenarios.none')}</p>}
      {results && <p data-testid="scenario-summary">{t('simulator.scenarios.summary', { passed, failed: shown.length - passed })}</p>}
      <ul>
        {scenarios.map((scenario, index) => {
          const result = results?.get(scenario);
          return (
            <li key={`${scenario.name}-${index}`} className={result ? (result.passed ? 'sb-sim-scenario sb-sim-scenario--pass' : 'sb-sim-scenario sb-sim-scenario--fail') : 'sb-sim-scenario'} data-testid="scenario">
              <span className="sb-sim-scenario__name">
                {result && <span aria-label={result.passed ? t('simulator.scenarios.passed') : t('simulator.scenarios.failed')}>{result.passed ? '✓ ' : '✗ '}</span>}
                {scenario.name}
              </span>
              <span className="sb-sim-scenario__actions">
                <button type="button" onClick={() => onLoad(scenario)}>{t('simulator.scenarios.load')}</button>
                <button type="button" disabled={!onChange} title={editDeniedReason} onClick={() => setEditing({ index, text: JSON.stringify(scenario, null, 2), problem: null })}>
                  {t('simulator.scenarios.edit')}
                </button>
                <button type="button" disabled={!onChange} title={editDeniedReason} onClick={() => onChange?.(scenarios.filter((_, i) => i !== index))}>
                  {t('simulator.scenarios.delete')}
                </button>
              </span>
              {result && !result.passed && result.difference && <p className="sb-sim-difference" data-testid="scenario-difference">{differenceText(t, result.difference)}</p>}
              {editing?.index === index && (
                <div className="sb-sim-edit">
                  <textarea aria-label={t('simulator.scenarios.json')} rows={12} spellCheck={false} value={editing.text} onChange={(e) => setEditing({ ...editing, text: e.target.value, problem: null })} />
                  {editing.problem && <p role="alert">{editing.problem}</p>}
                  <button type="button" className="sb-app-button sb-app-button--primary" onClick={saveEdit}>{t('simulator.scenarios.saveEdit')}</button>
                  <button type="button" className="sb-app-button" onClick={() => setEditing(null)}>{t('simulator.scenarios.cancelEdit')}</button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
