import type { FlowDocument } from '@switchboard/flows';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { stepName } from '../../editor/names/describe-place';
import { FieldProblems } from './FieldProblems';
import type { FormProblem } from './form-problem';
import { OUTCOME_CHOICES, type ScenarioForm } from './scenario-form';
import { TypedValueInput } from './TypedValueInput';

type Expect = ScenarioForm['expect'];

/**
 * What must happen: steps passed in order (chosen by their canvas names), how the call ends, prompts heard, and the
 * values variables hold at the end.
 */
export function ExpectationsEditor({ expect, onChange, document, problems }: { expect: Expect; onChange: (expect: Expect) => void; document: FlowDocument; problems: readonly FormProblem[] | undefined }) {
  const { t } = useTranslation();
  const variableList = useId();
  const steps = document.nodes.map((node) => ({ id: node.id, name: stepName(t, node) }));
  const known = new Set(steps.map((s) => s.id));
  const set = <K extends keyof Expect>(key: K, value: Expect[K]) => onChange({ ...expect, [key]: value });
  const firstStep = steps[0]?.id ?? '';
  return (
    <fieldset className="sb-sim-list" aria-label={t('simulator.form.expect')}>
      <legend>{t('simulator.form.expect')}</legend>
      <label>
        {t('simulator.form.outcome')}
        <select value={expect.outcome} onChange={(e) => set('outcome', e.target.value as Expect['outcome'])}>
          {OUTCOME_CHOICES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome === '' ? t('simulator.form.anyOutcome') : t(`simulator.outcomes.${outcome}`)}
            </option>
          ))}
        </select>
      </label>

      <p className="sb-sim-list__title">{t('simulator.form.visits')}</p>
      <ol>
        {expect.visits.map((visit, index) => (
          <li key={index} className="sb-sim-row">
            <select aria-label={t('simulator.form.visit', { n: index + 1 })} value={visit} onChange={(e) => set('visits', expect.visits.map((v, i) => (i === index ? e.target.value : v)))}>
              {!known.has(visit) && <option value={visit}>{t('simulator.form.otherStep', { id: visit })}</option>}
              {steps.map((step) => (
                <option key={step.id} value={step.id}>
                  {step.name.named ? `${step.name.name} (${step.id})` : step.name.name}
                </option>
              ))}
            </select>
            <button type="button" className="sb-sim-remove" aria-label={t('simulator.form.removeVisit', { n: index + 1 })} onClick={() => set('visits', expect.visits.filter((_, i) => i !== index))}>
              ✕
            </button>
            <FieldProblems problems={problems} field={['expect', 'visits', index]} />
          </li>
        ))}
      </ol>
      <button type="button" className="sb-app-button" onClick={() => set('visits', [...expect.visits, firstStep])}>
        {t('simulator.form.addVisit')}
      </button>

      <p className="sb-sim-list__title">{t('simulator.form.heard')}</p>
      <ol>
        {expect.heard.map((text, index) => (
          <li key={index} className="sb-sim-row">
            <input aria-label={t('simulator.form.heardLine', { n: index + 1 })} value={text} onChange={(e) => set('heard', expect.heard.map((h, i) => (i === index ? e.target.value : h)))} />
            <button type="button" className="sb-sim-remove" aria-label={t('simulator.form.removeHeard', { n: index + 1 })} onClick={() => set('heard', expect.heard.filter((_, i) => i !== index))}>
              ✕
            </button>
            <FieldProblems problems={problems} field={['expect', 'heard', index]} />
          </li>
        ))}
      </ol>
      <button type="button" className="sb-app-button" onClick={() => set('heard', [...expect.heard, ''])}>
        {t('simulator.form.addHeard')}
      </button>

      <p className="sb-sim-list__title">{t('simulator.form.variables')}</p>
      <ol>
        {expect.variables.map((row, index) => (
          <li key={index} className="sb-sim-row" data-testid="variable-expectation">
            <input
              aria-label={t('simulator.form.variableName', { n: index + 1 })}
              list={variableList}
              value={row.name}
              onChange={(e) => set('variables', expect.variables.map((v, i) => (i === index ? { ...v, name: e.target.value } : v)))}
            />
            <span>{t('simulator.form.equals')}</span>
            <TypedValueInput
              value={row}
              onChange={(value) => set('variables', expect.variables.map((v, i) => (i === index ? { ...v, ...value } : v)))}
              typeLabel={t('simulator.form.variableType', { n: index + 1 })}
              valueLabel={t('simulator.form.variableValue', { n: index + 1 })}
            />
            <button type="button" className="sb-sim-remove" aria-label={t('simulator.form.removeVariable', { n: index + 1 })} onClick={() => set('variables', expect.variables.filter((_, i) => i !== index))}>
              ✕
            </button>
            <FieldProblems problems={problems} field={['expect', 'variables', index, 'name']} />
            <FieldProblems problems={problems} field={['expect', 'variables', index, 'value']} />
          </li>
        ))}
      </ol>
      <datalist id={variableList}>
        {document.variables.map((variable) => (
          <option key={variable.name} value={variable.name} />
        ))}
      </datalist>
      <button
        type="button"
        className="sb-app-button"
        onClick={() => {
          const variable = document.variables.find((v) => !expect.variables.some((row) => row.name === v.name));
          const type = variable?.type === 'integer' || variable?.type === 'number' ? 'number' : variable?.type === 'boolean' ? 'boolean' : 'text';
          set('variables', [...expect.variables, { name: variable?.name ?? '', type, value: type === 'boolean' ? 'true' : '' }]);
        }}
      >
        {t('simulator.form.addVariable')}
      </button>
    </fieldset>
  );
}
