import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '@switchboard/flows';

/** One problem: severity, code, message and how to fix it; a button to go to the node when it has one. */
export function DiagnosticItem({ diagnostic, onShowNode }: { diagnostic: Diagnostic; onShowNode(nodeId: string): void }) {
  const { t } = useTranslation();
  const { nodeId } = diagnostic;
  const body = (
    <>
      <span className={`sb-severity sb-severity--${diagnostic.severity}`}>{t(`validation.severity.${diagnostic.severity}`)}</span>
      <code className="sb-diagnostic__code">{diagnostic.code}</code>
      <span className="sb-diagnostic__title">{t(`diagnostics.${diagnostic.code}.title`, { defaultValue: '' })}</span>
      <span className="sb-diagnostic__message">{diagnostic.message}</span>
      {diagnostic.hint && <span className="sb-diagnostic__hint">{t(`diagnostics.${diagnostic.code}.hint`, { defaultValue: diagnostic.hint })}</span>}
      {nodeId && <span className="sb-diagnostic__where">{t('validation.node', { id: nodeId })}</span>}
    </>
  );
  return (
    <li className={`sb-diagnostic sb-diagnostic--${diagnostic.severity}`}>
      {nodeId ? (
        <button type="button" className="sb-diagnostic__button" onClick={() => onShowNode(nodeId)}>
          {body}
        </button>
      ) : (
        <div className="sb-diagnostic__button">{body}</div>
      )}
    </li>
  );
}
