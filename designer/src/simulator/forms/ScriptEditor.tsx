import { useTranslation } from 'react-i18next';
import { FieldProblems } from './FieldProblems';
import type { FormProblem } from './form-problem';
import { CALLER_ACTIONS, NEW_STEP, type ScriptStepForm } from './scenario-form';

/** What the caller does, step by step: press keys, wait, stay silent, hang up. */
export function ScriptEditor({ steps, onChange, problems }: { steps: readonly ScriptStepForm[]; onChange: (steps: ScriptStepForm[]) => void; problems: readonly FormProblem[] | undefined }) {
  const { t } = useTranslation();
  const set = (index: number, step: ScriptStepForm) => onChange(steps.map((s, i) => (i === index ? step : s)));
  return (
    <fieldset className="sb-sim-list" aria-label={t('simulator.form.script')}>
      <legend>{t('simulator.form.script')}</legend>
      {steps.length === 0 && <p className="sb-sim-muted">{t('simulator.form.noSteps')}</p>}
      <ol>
        {steps.map((step, index) => (
          <li key={index} className="sb-sim-row" data-testid="script-step">
            <select aria-label={t('simulator.form.stepAction', { n: index + 1 })} value={step.action} onChange={(e) => set(index, { ...step, action: e.target.value as ScriptStepForm['action'] })}>
              {CALLER_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`simulator.form.actions.${action}`)}
                </option>
              ))}
            </select>
            {step.action === 'press' && (
              <label>
                {t('simulator.form.keys')}
                <input inputMode="tel" value={step.digits} onChange={(e) => set(index, { ...step, digits: e.target.value })} />
              </label>
            )}
            {step.action === 'wait' && (
              <label>
                {t('simulator.form.seconds')}
                <input inputMode="decimal" value={step.seconds} onChange={(e) => set(index, { ...step, seconds: e.target.value })} />
              </label>
            )}
            <button type="button" className="sb-sim-remove" aria-label={t('simulator.form.removeStep', { n: index + 1 })} onClick={() => onChange(steps.filter((_, i) => i !== index))}>
              ✕
            </button>
            <FieldProblems problems={problems} field={['script', index, 'digits']} />
            <FieldProblems problems={problems} field={['script', index, 'seconds']} />
          </li>
        ))}
      </ol>
      <button type="button" className="sb-app-button" onClick={() => onChange([...steps, NEW_STEP])}>
        {t('simulator.form.addStep')}
      </button>
    </fieldset>
  );
}
