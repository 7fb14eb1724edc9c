import { useTranslation } from 'react-i18next';
import type { ApiOutputs } from '../api/trpc';
import { DateTime } from '../ui/DateTime';

/** The last report about one switch, as `switches.capabilities` returns it. */
export type SwitchReport = ApiOutputs['switches']['capabilities'][number];
/** A live flow's node needing something its switch lacks. */
export type SwitchProblem = SwitchReport['problems'][number];
/** What a version just published needs that a known switch lacks. */
export type SwitchWarning = ApiOutputs['flows']['publish']['switchWarnings'][number];

/** One need the switch cannot meet, in words: which step, and which module or queue. */
export function useSwitchProblemText(): (problem: { kind: 'missingModule' | 'unknownQueue'; nodeId: string; module?: string; queue?: string; flow?: string }, flowName?: string) => string {
  const { t } = useTranslation();
  return (problem, flowName) => {
    const text =
      problem.kind === 'missingModule'
        ? t('app.switch.missingModule', { node: problem.nodeId, module: problem.module ?? '' })
        : t('app.switch.unknownQueue', { node: problem.nodeId, queue: problem.queue ?? '' });
    return problem.flow !== undefined && flowName !== undefined && problem.flow !== flowName ? `${text} ${t('app.switch.inSubflow', { flow: problem.flow })}` : text;
  };
}

/**
 * The numbers page's switch cell for one binding: each problem the runtimes of its environment reported (with the
 * switch it concerns), "ok" when they checked and found none, or "not checked" when no runtime reported yet.
 */
export function BindingSwitchStatus({ address, environment, flowName, reports }: { address: string; environment: string; flowName: string; reports: readonly SwitchReport[] }) {
  const { t } = useTranslation();
  const describe = useSwitchProblemText();
  const mine = reports.filter((report) => report.environment === environment);
  if (mine.length === 0) return <span className="sb-app-muted">{t('app.switch.notChecked')}</span>;
  const problems = mine.flatMap((report) => report.problems.filter((p) => p.address === address).map((problem) => ({ report, problem })));
  if (problems.length === 0) {
    return (
      <span className="sb-app-muted" data-testid="switch-ok">
        {t('app.switch.ok')} · <DateTime value={mine[0]?.checkedAt} />
      </span>
    );
  }
  return (
    <ul className="sb-app-switch-problems" role="list" data-testid="switch-problems">
      {problems.map(({ report, problem }) => (
        <li key={`${report.switchHost} ${problem.flow} ${problem.nodeId} ${problem.kind} ${problem.module ?? problem.queue ?? ''}`} className="sb-app-error-text">
          {describe(problem, flowName)}{' '}
          <span className="sb-app-muted">{t('app.switch.onSwitch', { host: report.switchHost, version: problem.versionNumber })}</span>
        </li>
      ))}
    </ul>
  );
}
