import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { FlowEditor } from '../../editor';
import { TranscriptView } from '../../simulator/TranscriptView';
import { ID_NAMES, transcriptNames } from '../../simulator/transcript-names';
import { useTRPC } from '../api/trpc';
import { formatTime } from '../analytics/format';
import { viewerTimeZone } from '../analytics/period';
import { ErrorMessage } from '../ui/ErrorMessage';
import { SaveAsScenario } from './SaveAsScenario';
import { replayHighlights, traceLines } from './trace-lines';
import { TraceSummary } from './TraceSummary';

const ignoreEdits = () => undefined;

/**
 * One real call: the version it ran on the canvas with its path lit step by step (as the simulator lights a test
 * call), the transcript in the simulator's words up to the step, the summary, and "save as scenario".
 */
export function CallTracePage({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const loaded = useQuery(trpc.calls.trace.queryOptions({ callId }));
  const trace = loaded.data?.trace;
  const flowId = loaded.data?.flowId ?? null;
  const versionNumber = trace?.versionNumber ?? null;
  const version = useQuery({ ...trpc.flows.getVersion.queryOptions({ flowId: flowId ?? '', number: versionNumber ?? 1 }), enabled: flowId !== null && versionNumber !== null });
  /** The replay's step (index of the visit shown last); starts on the whole call. */
  const [chosenStep, setStep] = useState<number | null>(null);
  const lines = useMemo(() => (trace ? traceLines(trace) : []), [trace]);
  const lastStep = (trace?.visits.length ?? 0) - 1;
  const step = chosenStep === null ? lastStep : Math.min(chosenStep, lastStep);
  const highlights = useMemo(() => (trace ? replayHighlights(trace, step) : {}), [trace, step]);
  const names = useMemo(() => (version.data ? transcriptNames(version.data.document, t) : ID_NAMES), [version.data, t]);

  const error = loaded.error ?? version.error;
  if (error) return <main className="sb-app-page"><ErrorMessage error={error} /></main>;
  if (!trace) return <p className="sb-app-splash">{t('app.calls.trace.loading')}</p>;
  const shown = lines.filter((line) => line.step <= step).map((line) => line.line);

  return (
    <div className="sb-app-flow" data-testid="call-trace">
      <div className="sb-app-page__head sb-analytics-canvas__head">
        <h1>{t('app.calls.trace.title', { callId: trace.callId })}</h1>
        <Link href="/calls" className="sb-app-button">
          {t('app.calls.trace.back')}
        </Link>
      </div>
      <div className="sb-app-flow__body">
        <div className="sb-app-flow__editor">
          {version.data ? (
            <FlowEditor document={version.data.document} onChange={ignoreEdits} readOnly highlights={highlights} />
          ) : (
            flowId === null && <p className="sb-app-muted">{t('app.calls.trace.noCanvas')}</p>
          )}
        </div>
        <aside className="sb-calls-trace__side">
          <TraceSummary trace={trace} />
          <h2>{t('app.calls.trace.steps')}</h2>
          {lastStep < 0 ? (
            <p className="sb-app-muted">{t('app.calls.trace.noSteps')}</p>
          ) : (
            <div className="sb-calls-replay" role="group" aria-label={t('app.calls.trace.steps')}>
              <button type="button" className="sb-app-button" onClick={() => setStep(0)} disabled={step === 0}>
                {t('app.calls.trace.first')}
              </button>
              <button type="button" className="sb-app-button" onClick={() => setStep(Math.max(0, step - 1))} disabled={step === 0}>
                {t('app.calls.trace.stepBack')}
              </button>
              <span data-testid="replay-step">{t('app.calls.trace.step', { step: step + 1, count: lastStep + 1 })}</span>
              <button type="button" className="sb-app-button" onClick={() => setStep(Math.min(lastStep, step + 1))} disabled={step === lastStep}>
                {t('app.calls.trace.forward')}
              </button>
              <button type="button" className="sb-app-button" onClick={() => setStep(null)} disabled={step === lastStep}>
                {t('app.calls.trace.all')}
              </button>
            </div>
          )}
          <TranscriptView lines={shown} timezone={viewerTimeZone()} showDetails names={names} />
          {trace.flowName !== null && trace.versionNumber !== null && (
            <SaveAsScenario
              callId={trace.callId}
              flowName={trace.flowName}
              versionNumber={trace.versionNumber}
              defaultName={t('app.calls.trace.scenarioDefault', { time: formatTime(new Date(trace.startedAt).toISOString(), i18n.language) })}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
