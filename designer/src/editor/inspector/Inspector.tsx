import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic, FlowDocument } from '@switchboard/flows';
import type { PendingEdits } from '../state/pending-edits';
import type { Selection } from '../state/useCanvasState';
import { usePendingDocument } from '../state/usePendingEdits';
import { FlowSettings, type FlowSettingsValue } from './FlowSettings';
import { NodeInspector } from './NodeInspector';

interface InspectorProps {
  document: FlowDocument;
  selection: Selection;
  diagnostics: readonly Diagnostic[];
  readOnly: boolean;
  onCommit(document: FlowDocument, mergeKey: string): void;
  /** Edits typed here and not yet in `document` (shown on top of it): see `usePendingEdits`. */
  pending?: PendingEdits;
  onChangeNodeData(nodeId: string, data: unknown, fieldKey: string): void;
  onChangeNodeLabel(nodeId: string, label: string): void;
  /** Flow settings edited (nothing selected): see {@link FlowSettings}. */
  onChangeFlowSettings(settings: FlowSettingsValue, fieldKey: string): void;
  onDeleteSelection(): void;
  onDuplicateBranch?(nodeId: string): void;
}

/** The right-hand panel: one node's settings, a multi-selection summary, or the flow's own settings. */
export const Inspector = memo(function Inspector({ document: committed, pending, selection, diagnostics, readOnly, onCommit, onChangeNodeData, onChangeNodeLabel, onChangeFlowSettings, onDeleteSelection, onDuplicateBranch }: InspectorProps) {
  const { t } = useTranslation();
  const document = usePendingDocument(pending, committed);
  const selectedCount = selection.nodeIds.length + selection.edgeIds.length;
  if (selection.nodeIds.length === 1 && selection.edgeIds.length === 0) {
    const node = document.nodes.find((n) => n.id === selection.nodeIds[0]);
    if (node) {
      return (
        <NodeInspector
          document={document}
          node={node}
          diagnostics={diagnostics}
          readOnly={readOnly}
          onChangeData={onChangeNodeData}
          onChangeLabel={onChangeNodeLabel}
          onDelete={onDeleteSelection}
          {...(onDuplicateBranch ? { onDuplicateBranch } : {})}
          onCommitDocument={onCommit}
        />
      );
    }
  }
  if (selectedCount > 0) {
    return (
      <section className="sb-inspector" aria-label={t('inspector.selection')}>
        <h2 className="sb-panel-title">{t('inspector.selection')}</h2>
        <p>{t('inspector.selectedCounts', { nodes: selection.nodeIds.length, edges: selection.edgeIds.length })}</p>
        <p className="sb-hint">{t('inspector.selectionHint')}</p>
        {!readOnly && (
          <button type="button" className="sb-button sb-button--danger" onClick={onDeleteSelection}>
            {t('inspector.deleteSelection')}
          </button>
        )}
      </section>
    );
  }
  return <FlowSettings document={document} diagnostics={diagnostics} readOnly={readOnly} onChange={onChangeFlowSettings} />;
});
