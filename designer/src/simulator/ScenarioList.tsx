import { compileFlow, linkProgram, runScenario, type CompiledCalendar, type CompiledFlow, type FlowDocument, type Scenario, type ScenarioResult } from '@switchboard/flows';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stepName } from '../editor/names/describe-place';
import { differenceText } from './difference-text';
import { ScenarioEditor } from './forms/ScenarioEditor';

/**
 * The flow's saved scenarios: run them all (green / red with the first difference), load one into the start
 * form, edit one (in a form, or as JSON), or delete it. Changing them needs the right to save scenarios. Runs link the
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
  const [editing, setEditing] = useState<number | null>(null);
  const nameOf = useMemo(() => {
    const nodes = new Map(document.nodes.map((node) => [node.id, node]));
    return (id: string) => {
      const node = nodes.get(id);
      return node ? stepName(t, node).name : id;
    };
  }, [document.nodes, t]);

  const runAll = () => {
    const compiled = compileFlow(document).compiled;
    const next = new Map<Scenario, Pick<ScenarioResult, 'passed' | 'difference'>>();
    for (const scenario of scenarios) {
      next.set(scenario, compiled ? runScenario(linkProgram(compiled, subflows, calendars), scenario) : { passed: false, difference: { kind: 'cannotStart', message: t('simulator.problems.doesNotCompile') } });
    }
    setResults(next);
  };

  const saveEdit = (index: number, edited: Scenario) => {
    onChange?.(scenarios.map((scenario, i) => (i === index ? edited : scenario)));
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
                <button type="button" disabled={!onChange} title={editDeniedReason} onClick={() => setEditing(index)}>
                  {t('simulator.scenarios.edit')}
                </button>
                <button type="button" disabled={!onChange} title={editDeniedReason} onClick={() => onChange?.(scenarios.filter((_, i) => i !== index))}>
                  {t('simulator.scenarios.delete')}
                </button>
              </span>
              {result && !result.passed && result.difference && <p className="sb-sim-difference" data-testid="scenario-difference">{differenceText(t, result.difference, nameOf)}</p>}
              {editing === index && onChange && (
                <ScenarioEditor
                  scenario={scenario}
                  document={document}
                  takenNames={new Set(scenarios.filter((_, i) => i !== index).map((s) => s.name))}
                  onSave={(edited) => saveEdit(index, edited)}
                  onCancel={() => setEditing(null)}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
