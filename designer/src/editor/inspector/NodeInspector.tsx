import { useContext, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeDefinition, type Diagnostic, type FlowDocument, type FlowNode, type VariableDeclaration } from '@switchboard/flows';
import { updateNodeData } from '../state/document-edits';
import { declareVariable } from '../state/new-variable';
import { nodeFieldOf } from '../state/diagnostic-paths';
import { outletsOf } from '../state/document-edits';
import { SettingsForm } from './SettingsForm';
import { FieldMessageList } from './fields/FieldMessageList';
import { diagnosticHint, diagnosticText } from '../../i18n/diagnostic-text';
import { ConnectStepContext } from '../keyboard/useCanvasKeyboard';

interface NodeInspectorProps {
  document: FlowDocument;
  node: FlowNode;
  diagnostics: readonly Diagnostic[];
  readOnly: boolean;
  onChangeData(nodeId: string, data: unknown, fieldKey: string): void;
  onChangeLabel(nodeId: string, label: string): void;
  onDelete(nodeId: string): void;
  /** Copy this step and the steps only it leads to (absent: no such command here). */
  onDuplicateBranch?(nodeId: string): void;
  /** Commit a whole document (a variable declared from a field, together with the field's new value). */
  onCommitDocument?(document: FlowDocument, mergeKey: string): void;
}

/** One node: what it does, its name on the canvas, its settings, and problems not tied to one field. */
export function NodeInspector({ document, node, diagnostics, readOnly, onChangeData, onChangeLabel, onDelete, onDuplicateBranch, onCommitDocument }: NodeInspectorProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const openConnect = useContext(ConnectStepContext);
  const definition = nodeDefinition(node.type);
  const { fieldDiagnostics, otherDiagnostics } = useMemo(() => {
    const inFields: Array<{ field: string; diagnostic: Diagnostic }> = [];
    const other: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
      if (diagnostic.nodeId !== node.id) continue;
      const at = nodeFieldOf(diagnostic, document);
      if (at && at.nodeId === node.id && at.field !== '') inFields.push({ field: at.field, diagnostic });
      else other.push(diagnostic);
    }
    return { fieldDiagnostics: inFields, otherDiagnostics: other };
  }, [diagnostics, document, node.id]);

  const declareVariableFromField = useMemo(() => {
    if (!onCommitDocument) return undefined;
    return (declaration: VariableDeclaration, data: unknown) => {
      const declared = declareVariable(document, declaration);
      onCommitDocument(data === undefined ? declared : updateNodeData(declared, node.id, data), `declare:${declaration.name}`);
    };
  }, [document, node.id, onCommitDocument]);

  if (!definition) return <p className="sb-hint">{t('inspector.unknownType', { type: node.type })}</p>;
  return (
    <section className="sb-inspector" aria-label={t('inspector.nodeTitle', { title: t(`nodes.${node.type}.title`) })}>
      <header className="sb-inspector__header">
        <h2 className="sb-panel-title">{t(`nodes.${node.type}.title`)}</h2>
        <p className="sb-hint">{t(`nodes.${node.type}.description`)}</p>
        <p className="sb-inspector__id">
          {t('inspector.id')}: <code>{node.id}</code>
        </p>
      </header>
      <div className="sb-field">
        <label className="sb-field__label" htmlFor={labelId}>
          {t('inspector.label')}
        </label>
        <input id={labelId} className="sb-input" type="text" maxLength={80} placeholder={t(`nodes.${node.type}.title`)} value={node.label ?? ''} readOnly={readOnly} onChange={(e) => onChangeLabel(node.id, e.target.value)} />
      </div>
      {openConnect && !readOnly && outletsOf(node).length > 0 && (
        <button type="button" className="sb-button sb-button--small" onClick={() => openConnect(node.id)} title={t('keyboardCanvas.connect.shortcutHint')}>
          {t('keyboardCanvas.connect.open')}
        </button>
      )}
      <FieldMessageList
        messages={otherDiagnostics.map((d) => ({ severity: d.severity, text: diagnosticText(t, d), code: d.code, ...(d.hint ? { hint: diagnosticHint(t, d) } : {}) }))}
      />
      <SettingsForm
        key={node.id}
        document={document}
        formType={node.type}
        ariaLabel={t('inspector.settingsOf', { id: node.id })}
        value={node.data}
        schema={definition.dataSchema}
        diagnostics={fieldDiagnostics}
        readOnly={readOnly}
        onCommit={(data, fieldKey) => onChangeData(node.id, data, fieldKey)}
        {...(declareVariableFromField ? { onDeclareVariable: declareVariableFromField } : {})}
      />
      {!readOnly && onDuplicateBranch && node.type !== 'start' && (
        <button type="button" className="sb-button" title={t('building.duplicate.title')} onClick={() => onDuplicateBranch(node.id)}>
          {t('building.duplicate.button')}
        </button>
      )}
      {!readOnly && (
        <button type="button" className="sb-button sb-button--danger" onClick={() => onDelete(node.id)}>
          {t('inspector.deleteNode')}
        </button>
      )}
    </section>
  );
}
