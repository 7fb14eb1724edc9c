import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC, type ApiOutputs, type Environment } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CsvButton } from './CsvButton';
import { kpiColumns } from './KpiTables';
import type { Period } from './period';

type BranchRow = ApiOutputs['analytics']['splitBranches'][number];

/** A split node's branches as the flow defines them: key, label and share of calls. */
export interface SplitBranchInfo {
  key: string;
  label?: string;
  percent: number;
}

/**
 * The figures of the calls that took each branch of a split node (an A/B test), side by side: calls, containment,
 * abandonment, speed of answer, handle time — the same columns as the dashboard's breakdowns.
 */
export function SplitBranchesTable(props: { environment: Environment; flowName: string; versionId: string | undefined; nodeId: string; period: Period; branches: readonly SplitBranchInfo[] }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const query = useQuery(
    trpc.analytics.splitBranches.queryOptions({ environment: props.environment, flowName: props.flowName, nodeId: props.nodeId, period: props.period, ...(props.versionId ? { versionId: props.versionId } : {}) }),
  );
  if (query.error) return <ErrorMessage error={query.error} />;
  if (!query.data) return <p className="sb-app-muted">{t('app.loading')}</p>;
  const none = t('app.analytics.noValue');
  const name = (row: BranchRow) => {
    const branch = props.branches.find((b) => b.key === row.branch);
    return branch ? t('app.analytics.split.branchName', { name: branch.label || branch.key, percent: branch.percent }) : row.branch;
  };
  const columns = kpiColumns<BranchRow>(t, i18n.language);
  return (
    <section data-testid="split-branches">
      <div className="sb-app-page__head">
        <h3>{t('app.analytics.split.title')}</h3>
        <CsvButton fileName={`${props.flowName}-${props.nodeId}-branches.csv`} rows={query.data} columns={[{ header: t('app.analytics.split.branch'), value: (r) => name(r) }, ...columns]} />
      </div>
      {query.data.length === 0 ? (
        <p className="sb-app-muted">{t('app.analytics.split.noCalls')}</p>
      ) : (
        <table className="sb-app-table">
          <thead>
            <tr>
              <th>{t('app.analytics.split.branch')}</th>
              {columns.map((column) => (
                <th key={column.header}>{column.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {query.data.map((row) => (
              <tr key={row.branch} data-testid={`split-branch-${row.branch}`}>
                <td>{name(row)}</td>
                {columns.map((column) => (
                  <td key={column.header}>{column.show(row) ?? none}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
