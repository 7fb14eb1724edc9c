import type { FlowDocument, FlowNode } from '@switchboard/flows';
import { useTranslation } from 'react-i18next';
import { describeFlowPath, describeNodeChange, stepName, type Place } from '../../editor/names/describe-place';
import { PlaceLabel } from '../../editor/names/PlaceLabel';
import type { FieldChange, VersionDiff } from '../api/trpc';
import { isLayoutOnly } from './diff-canvas';
import { formatValue } from './format-value';

/** The two documents compared, when the caller has them: steps and list items are then named as on the canvas. */
export interface ComparedDocuments {
  before?: FlowDocument | undefined;
  after?: FlowDocument | undefined;
}

function FieldChanges({ changes, placeOf }: { changes: readonly FieldChange[]; placeOf: (path: string) => Place }) {
  return (
    <ul className="sb-app-field-changes">
      {changes.map((change) => (
        <li key={change.path}>
          <PlaceLabel place={placeOf(change.path)} />: <del>{formatValue(change.before)}</del> → <ins>{formatValue(change.after)}</ins>
        </li>
      ))}
    </ul>
  );
}

function NodeName({ node }: { node: { id: string; type: string; label?: string | undefined } }) {
  const { t } = useTranslation();
  const name = stepName(t, node);
  return (
    <>
      <strong>{name.named ? `“${name.name}”` : t(`nodes.${node.type}.title`, { defaultValue: node.type })}</strong> <span className="sb-app-muted">({node.id})</span>
    </>
  );
}

/**
 * What changed between two versions, in words: steps added, removed and changed (field by field, named as the
 * inspector labels them), connections. Ids and raw paths stay as secondary detail.
 */
export function ChangeSummary({ diff, before, after }: { diff: VersionDiff } & ComparedDocuments) {
  const { t } = useTranslation();
  if (diff.identical) return <p className="sb-app-muted">{t('app.changes.none')}</p>;
  const changed = diff.nodes.changed.filter((n) => !isLayoutOnly(n.changes));
  const moved = diff.nodes.changed.length - changed.length;
  const nodeIn = (document: FlowDocument | undefined, id: string): FlowNode | undefined => document?.nodes.find((n) => n.id === id);
  const nodePlace = (change: { id: string; type: string }, path: string): Place => describeNodeChange(t, change, nodeIn(before, change.id), nodeIn(after, change.id), path);
  return (
    <div className="sb-app-changes" data-testid="change-summary">
      {diff.flow.length > 0 && (
        <section>
          <h4>{t('app.changes.settings')}</h4>
          <FieldChanges changes={diff.flow} placeOf={(path) => describeFlowPath(t, after ?? before, path)} />
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
                <FieldChanges changes={node.changes} placeOf={(path) => nodePlace(node, path)} />
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
