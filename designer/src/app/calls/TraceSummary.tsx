import type { CallTrace } from '@switchboard/flows';
import { useTranslation } from 'react-i18next';
import { saidText } from '../../i18n/said-text';
import { formatSeconds, formatTime } from '../analytics/format';

/** Who called, when, which version and calendar revisions ran, how it ended, and the queue wait, answer and talk. */
export function TraceSummary({ trace }: { trace: CallTrace }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const seconds = (ms: number | null) => (ms === null ? '—' : (formatSeconds(ms / 1000, language) ?? '—'));
  const rows: Array<[string, string, string]> = [
    ['started', t('app.calls.trace.started'), formatTime(new Date(trace.startedAt).toISOString(), language)],
    ['ended', t('app.calls.trace.ended'), trace.endedAt === null ? t('app.calls.trace.stillRunning') : formatTime(new Date(trace.endedAt).toISOString(), language)],
    ['caller', t('app.calls.trace.caller'), trace.callerNumber],
    ['number', t('app.calls.trace.number'), trace.address],
    ['environment', t('app.calls.trace.environment'), t(`app.environments.${trace.environment}`, { defaultValue: trace.environment })],
    ['version', t('app.calls.trace.version'), trace.versionNumber === null ? t('app.calls.trace.versionGone', { flow: trace.flowName ?? '—' }) : `${trace.flowName ?? ''} v${trace.versionNumber}`],
    ['outcome', t('app.calls.trace.outcome'), trace.outcome ? t(`app.analytics.outcomes.names.${trace.outcome}`, { defaultValue: trace.outcome }) : t('app.calls.trace.stillRunning')],
    // Why it ended in the UI language when the runtime kept the id with the last step, else the record's English.
    ['endReason', t('app.calls.trace.endReason'), trace.endReason === null ? '—' : saidText(t, trace.visits.at(-1)?.detail?.ended, trace.endReason)],
    [
      'calendars',
      t('app.calls.trace.calendars'),
      trace.calendars.length === 0 ? t('app.calls.trace.noCalendars') : trace.calendars.map((c) => t('app.calls.trace.calendarRevision', { name: c.name, revision: c.revision })).join(', '),
    ],
  ];
  if (trace.queue) {
    const queue = trace.queue;
    rows.push(['queue', t('app.calls.trace.queue'), `${t('app.calls.trace.queueWait', { wait: seconds(queue.waitMs), queue: queue.queue })}; ${queue.answeredAt === null ? t('app.calls.trace.unanswered') : t('app.calls.trace.answered', { agent: queue.agent ?? '?', talk: seconds(queue.talkMs) })}`]);
  }
  return (
    <dl className="sb-calls-summary" data-testid="trace-summary">
      {rows.map(([key, label, value]) => (
        <div key={key} data-testid={`trace-${key}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
