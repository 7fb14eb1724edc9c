import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { apiErrorInfo } from '../api/api-error';
import { useTRPC } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';

/** One click: the call becomes a scenario of its flow's draft (saved only when it passes against the call's version). */
export function SaveAsScenario({ callId, defaultName, flowName, versionNumber }: { callId: string; defaultName: string; flowName: string; versionNumber: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [name, setName] = useState(defaultName);
  const save = useMutation(trpc.calls.saveAsScenario.mutationOptions());
  return (
    <form
      className="sb-calls-scenario"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ callId, name });
      }}
    >
      <label>
        {t('app.calls.trace.scenarioName')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      </label>
      <GuardedButton permission="saveScenarios" type="submit" className="sb-app-button" disabled={save.isPending || name.trim() === ''}>
        {t('app.calls.trace.saveScenario')}
      </GuardedButton>
      {save.isPending && <p className="sb-app-muted">{t('app.calls.trace.saving')}</p>}
      {save.isSuccess && (
        <p role="status" data-testid="scenario-saved">
          {t('app.calls.trace.saved', { name: save.data.scenario.name, flow: flowName, version: versionNumber })} <Link href={`/flows/${save.data.flowId}`}>{t('app.calls.trace.openFlow')}</Link>
        </p>
      )}
      {save.isError && (
        <p role="alert" className="sb-app-error-text" data-testid="scenario-save-error">
          {apiErrorInfo(save.error).message}
        </p>
      )}
    </form>
  );
}
