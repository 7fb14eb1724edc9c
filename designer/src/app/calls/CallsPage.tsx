import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type Environment } from '../api/trpc';
import { formatSeconds, formatTime } from '../analytics/format';
import { PeriodFilters } from '../analytics/PeriodFilters';
import { periodOf, viewerTimeZone, type PeriodPreset } from '../analytics/period';
import { can } from '../permissions/can';
import { useCurrentUser } from '../session/CurrentUserContext';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CALL_RECORD_OUTCOMES } from '@switchboard/runtime/outcomes';
import { RetentionSettings } from './RetentionSettings';

/**
 * Real calls, newest first, filtered by environment, period, flow, version, outcome and caller number; a page at a
 * time (the server pages by keyset, so the millionth call costs what the first does). Numbers come masked from the
 * server for roles that may not see them.
 */
export function CallsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [now] = useState(() => new Date());
  const [environment, setEnvironment] = useState<Environment>('production');
  const [preset, setPreset] = useState<PeriodPreset>('last7');
  const [flowName, setFlowName] = useState('');
  const [versionId, setVersionId] = useState('');
  const [outcome, setOutcome] = useState('');
  const [callerInput, setCallerInput] = useState('');
  const [callerNumber, setCallerNumber] = useState('');
  /** Cursors of the pages shown so far (the first page has none). */
  const [cursors, setCursors] = useState<string[]>([]);
  const period = useMemo(() => periodOf(preset, now), [preset, now]);
  const cursor = cursors[cursors.length - 1];
  const restart = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setCursors([]);
  };

  const flows = useQuery(trpc.flows.list.queryOptions({ includeArchived: true }));
  const flowId = flows.data?.find((flow) => flow.name === flowName)?.id;
  const versions = useQuery({ ...trpc.flows.listVersions.queryOptions({ flowId: flowId ?? '' }), enabled: flowId !== undefined });
  const search = useQuery(
    trpc.calls.search.queryOptions({
      environment,
      ...period,
      ...(flowName ? { flowName } : {}),
      ...(versionId ? { versionId } : {}),
      ...(outcome ? { outcome } : {}),
      ...(callerNumber ? { callerNumber } : {}),
      pageSize: 50,
      ...(cursor ? { cursor } : {}),
    }),
  );

  return (
    <main className="sb-app-page sb-calls" data-testid="calls-page">
      <div className="sb-app-page__head">
        <h1>{t('app.calls.title')}</h1>
      </div>
      <p className="sb-app-muted">{t('app.calls.intro', { timeZone: viewerTimeZone() })}</p>
      {!can(user.role, 'seeCallerNumbers') && <p className="sb-app-muted" data-testid="masked-note">{t('app.calls.masked')}</p>}
      <form
        className="sb-analytics-filters"
        onSubmit={(event) => {
          event.preventDefault();
          restart(setCallerNumber)(callerInput.trim());
        }}
      >
        <PeriodFilters environment={environment} preset={preset} onEnvironmentChange={restart(setEnvironment)} onPresetChange={restart(setPreset)} testIds={{ environment: 'calls-environment', period: 'calls-period' }} />
        <label>
          {t('app.calls.filters.flow')}
          <select
            value={flowName}
            onChange={(e) => {
              setVersionId('');
              restart(setFlowName)(e.target.value);
            }}
            data-testid="calls-flow"
          >
            <option value="">{t('app.calls.filters.all')}</option>
            {(flows.data ?? []).map((flow) => (
              <option key={flow.id} value={flow.name}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('app.calls.filters.version')}
          <select value={versionId} onChange={(e) => restart(setVersionId)(e.target.value)} disabled={!flowId} data-testid="calls-version">
            <option value="">{t('app.calls.filters.all')}</option>
            {(versions.data ?? []).map((version) => (
              <option key={version.id} value={version.id}>
                v{version.number}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('app.calls.filters.outcome')}
          <select value={outcome} onChange={(e) => restart(setOutcome)(e.target.value)} data-testid="calls-outcome">
            <option value="">{t('app.calls.filters.all')}</option>
            {CALL_RECORD_OUTCOMES.map((name) => (
              <option key={name} value={name}>
                {t(`app.analytics.outcomes.names.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('app.calls.filters.caller')}
          <input type="search" value={callerInput} placeholder={t('app.calls.filters.callerHint')} onChange={(e) => setCallerInput(e.target.value)} data-testid="calls-caller" />
        </label>
        <button type="submit" className="sb-app-button">
          {t('app.calls.filters.search')}
        </button>
      </form>
      {search.error ? (
        <ErrorMessage error={search.error} />
      ) : !search.data ? (
        <p className="sb-app-muted">{t('app.loading')}</p>
      ) : search.data.calls.length === 0 ? (
        <p className="sb-app-muted" data-testid="calls-none">
          {t('app.calls.none')}
        </p>
      ) : (
        <table className="sb-app-table" data-testid="calls-table">
          <thead>
            <tr>
              {(['started', 'caller', 'number', 'flow', 'version', 'outcome', 'queueWait', 'talk'] as const).map((column) => (
                <th key={column}>{t(`app.calls.columns.${column}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {search.data.calls.map((call) => (
              <tr key={call.callId} data-testid="call-row">
                <td>
                  <Link href={`/calls/${encodeURIComponent(call.callId)}`}>{formatTime(call.startedAt, i18n.language)}</Link>
                </td>
                <td data-testid="call-caller">{call.callerNumber}</td>
                <td>{call.address}</td>
                <td>{call.flowName ?? '—'}</td>
                <td>{call.versionNumber === null ? '—' : `v${call.versionNumber}`}</td>
                <td data-testid="call-outcome">{call.outcome ? t(`app.analytics.outcomes.names.${call.outcome}`, { defaultValue: call.outcome }) : t('app.calls.trace.stillRunning')}</td>
                <td>{call.queueWaitMs === null ? '' : formatSeconds(call.queueWaitMs / 1000, i18n.language)}</td>
                <td>{call.talkMs === null ? '' : formatSeconds(call.talkMs / 1000, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="sb-calls-pages">
        {cursors.length > 0 && (
          <button type="button" className="sb-app-button" onClick={() => setCursors([])}>
            {t('app.calls.newest')}
          </button>
        )}
        {search.data?.nextCursor && (
          <button type="button" className="sb-app-button" onClick={() => setCursors([...cursors, search.data.nextCursor as string])} data-testid="calls-older">
            {t('app.calls.older')}
          </button>
        )}
      </div>
      <RetentionSettings />
    </main>
  );
}
