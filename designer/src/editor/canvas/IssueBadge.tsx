import { useCanvasText } from './canvas-text';
import type { NodeIssueCount } from '../state/canvas-mapping';

/** Red (errors) or amber (warnings only) count on a canvas node. */
export function IssueBadge({ issues }: { issues: NodeIssueCount | undefined }) {
  const t = useCanvasText();
  if (!issues || issues.errors + issues.warnings === 0) return null;
  const severity = issues.errors > 0 ? 'error' : 'warning';
  const title = t('canvas.issueBadge', { errors: t('validation.errorCount', { count: issues.errors }), warnings: t('validation.warningCount', { count: issues.warnings }) });
  return (
    <span className={`sb-badge sb-badge--${severity}`} title={title} aria-label={title} data-testid="issue-badge">
      {issues.errors + issues.warnings}
    </span>
  );
}
