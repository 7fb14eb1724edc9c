import { useTranslation } from 'react-i18next';
import type { FieldChange, VersionDiff } from '../api/trpc';
import { isLayoutOnly } from './diff-canvas';
import { formatValue } from './format-value';

function FieldChanges({ changes }: { changes: readonly FieldChange[] }) {
  return (
    <ul className="sb-app-field-changes">
      {changes.map((change) => (
        <li key={change.path}>
          <code>{change.path || '·'}</code>: <del>{formatValue(change.before)}</del> → <ins>{formatValue(change.after)}</ins>
        </li>
      ))}
    </ul>
  );
}

function NodeName({ node }: { node: { id: string; type: string; label?: string | undefined } }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{node.label ?? t(`nodes.${node.type}.title`)}</strong> <span className="sb-app-muted">({node.id})</span>
    </>
  );
}

/** What changed between two versions, in words: nodes added, removed and changed (field by field), connections. */
export function ChangeSummary({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation();
  if (diff.identical) return <p className="sb-app-muted">{t('app.changes.none')}</p>;
  const changed = diff.nodes.changed.filter((n) => !isLayoutOnly(n.changes));
  const moved = diff.nodes.changed.length - changed.length;
  return (
    <div className="sb-app-changes" data-testid="change-summary">
      {diff.flow.length > 0 && (
        <section>
          <h4>{t('app.changes.settings')}</h4>
          <FieldChanges changes={diff.flow} />
        </section>
      )}
      {diff.nodes.added.length > 0 && (
        <section>
          <h4 className="sb-app-changes--added">{t('app.changes.added', { count: diff.nodes.added.length })}</h4>
          <ul>
            {diff.nodes.added.map((node) => (
              <li key={node.id}>
                <NodeName node={node} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.nodes.removed.length > 0 && (
        <section>
          <h4 className="sb-app-changes--removed">{t('app.changes.removed', { count: diff.nodes.removed.length })}</h4>
          <ul>
            {diff.nodes.removed.map((node) => (
              <li key={node.id}>
                <NodeName node={node} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {changed.length > 0 && (
        <section>
          <h4 className="sb-app-changes--changed">{t('app.changes.changed', { count: changed.length })}</h4>
          <ul>
            {changed.map((node) => (
              <li key={node.id} data-testid={`changed-node-${node.id}`}>
                <NodeName node={node} />
                <FieldChanges changes={node.changes} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {moved > 0 && <p className="sb-app-muted">{t('app.changes.moved', { count: moved })}</p>}
      {(diff.edges.added.length > 0 || diff.edges.removed.length > 0 || diff.edges.changed.length > 0) && (
        <p className="sb-app-muted">{t('app.changes.connections', { added: diff.edges.added.length, removed: diff.edges.removed.length, changed: diff.edges.changed.length })}</p>
      )}
    </div>
  );
}
