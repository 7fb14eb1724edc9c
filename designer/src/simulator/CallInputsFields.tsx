import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInputsForm } from './call-inputs';
import type { FormProblem } from './forms/form-problem';
import { HttpMocksEditor } from './forms/HttpMocksEditor';

const ZONES = ['Europe/London', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney', 'UTC'];

/** The inputs of a test call: who calls when (date, time and zone for holidays and after-hours), queue, transfer, callback, web services. */
export function CallInputsFields({ form, onChange, languages, problems }: { form: CallInputsForm; onChange: (form: CallInputsForm) => void; languages: readonly string[]; problems?: readonly FormProblem[] | undefined }) {
  const { t } = useTranslation();
  const zones = useId();
  const set = <K extends keyof CallInputsForm>(key: K, value: CallInputsForm[K]) => onChange({ ...form, [key]: value });
  const number = (key: keyof CallInputsForm) => (event: React.ChangeEvent<HTMLInputElement>) => set(key, Number(event.target.value) as never);
  return (
    <div className="sb-sim-inputs">
      <fieldset>
        <legend>{t('simulator.inputs.call')}</legend>
        <label>
          {t('simulator.inputs.date')}
          <input type="date" value={form.localTime.slice(0, 10)} onChange={(e) => set('localTime', `${e.target.value}T${form.localTime.slice(11, 16) || '10:00'}`)} />
        </label>
        <label>
          {t('simulator.inputs.time')}
          <input type="time" value={form.localTime.slice(11, 16)} onChange={(e) => set('localTime', `${form.localTime.slice(0, 10)}T${e.target.value}`)} />
        </label>
        <label>
          {t('simulator.inputs.timezone')}
          <input list={zones} value={form.timezone} onChange={(e) => set('timezone', e.target.value)} />
          <datalist id={zones}>{ZONES.map((zone) => <option key={zone} value={zone} />)}</datalist>
        </label>
        <label>
          {t('simulator.inputs.language')}
          <select value={form.language} onChange={(e) => set('language', e.target.value)}>
            <option value="">{t('simulator.inputs.flowDefault')}</option>
            {languages.map((language) => <option key={language} value={language}>{language}</option>)}
          </select>
        </label>
        <label>
          {t('simulator.inputs.caller')}
          <input value={form.caller} onChange={(e) => set('caller', e.target.value)} />
        </label>
        <label>
          {t('simulator.inputs.dialled')}
          <input value={form.dialled} onChange={(e) => set('dialled', e.target.value)} />
        </label>
        <label className="sb-sim-check">
          <input type="checkbox" checked={form.emergency} onChange={(e) => set('emergency', e.target.checked)} />
          {t('simulator.inputs.emergency')}
        </label>
        <label>
          {t('simulator.inputs.incident')}
          <select value={form.incident} onChange={(e) => set('incident', e.target.value as CallInputsForm['incident'])}>
            {(['none', 'emergency', 'announce'] as const).map((mode) => <option key={mode} value={mode}>{t(`simulator.incidentModes.${mode}`)}</option>)}
          </select>
        </label>
        {form.incident === 'announce' && (
          <label>
            {t('simulator.inputs.incidentText')}
            <textarea rows={2} value={form.incidentText} onChange={(e) => set('incidentText', e.target.value)} />
          </label>
        )}
        <label>
          {t('simulator.inputs.channel')}
          <textarea rows={2} value={form.channel} placeholder="name=value" onChange={(e) => set('channel', e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('simulator.inputs.queue')}</legend>
        <label>{t('simulator.inputs.agentsLoggedIn')}<input type="number" min={0} value={form.agentsLoggedIn} onChange={number('agentsLoggedIn')} /></label>
        <label>{t('simulator.inputs.agentsAvailable')}<input type="number" min={0} value={form.agentsAvailable} onChange={number('agentsAvailable')} /></label>
        <label>{t('simulator.inputs.callersWaiting')}<input type="number" min={0} value={form.callersWaiting} onChange={number('callersWaiting')} /></label>
        <label>{t('simulator.inputs.estimatedWait')}<input type="number" min={0} value={form.estimatedWaitSeconds} onChange={number('estimatedWaitSeconds')} /></label>
        <label className="sb-sim-check">
          <input type="checkbox" checked={form.agentAnswers} onChange={(e) => set('agentAnswers', e.target.checked)} />
          {t('simulator.inputs.agentAnswers')}
        </label>
        {form.agentAnswers && (
          <>
            <label>{t('simulator.inputs.answerAfter')}<input type="number" min={0} value={form.agentAnswersAfterSeconds} onChange={number('agentAnswersAfterSeconds')} /></label>
            <label>{t('simulator.inputs.talkSeconds')}<input type="number" min={0} value={form.talkSeconds} onChange={number('talkSeconds')} /></label>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('simulator.inputs.services')}</legend>
        <label>
          {t('simulator.inputs.transfer')}
          <select value={form.transferResult} onChange={(e) => set('transferResult', e.target.value as CallInputsForm['transferResult'])}>
            {(['answered', 'busy', 'noAnswer', 'failed'] as const).map((result) => <option key={result} value={result}>{t(`simulator.transferResults.${result}`)}</option>)}
          </select>
        </label>
        <label>{t('simulator.inputs.ringSeconds')}<input type="number" min={0} value={form.ringSeconds} onChange={number('ringSeconds')} /></label>
        <label>
          {t('simulator.inputs.callback')}
          <select value={form.callbackResult} onChange={(e) => set('callbackResult', e.target.value as CallInputsForm['callbackResult'])}>
            {(['booked', 'alreadyScheduled', 'error'] as const).map((result) => <option key={result} value={result}>{t(`simulator.callbackResults.${result}`)}</option>)}
          </select>
        </label>
      </fieldset>
      <HttpMocksEditor mocks={form.http} onChange={(http) => set('http', http)} problems={problems} />
    </div>
  );
}
