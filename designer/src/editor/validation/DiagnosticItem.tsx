import { useTranslation } from 'react-i18next';
import type { Diagnostic, FlowDocument } from '@switchboard/flows';
import { describeDocumentPath } from '../names/describe-place';
import { PlaceLabel } from '../names/PlaceLabel';
import { diagnosticHint, diagnosticText } from '../../i18n/diagnostic-text';

/**
 * One problem: severity, code, message and how to fix it, and where it is in words (the step's name and the
 * field's label; the id as detail); a button to go to the node when it has one.
 */
export function DiagnosticItem({ diagnostic, document, onShowNode }: { diagnostic: Diagnostic; document?: FlowDocument | undefined; onShowNode(nodeId: string): void }) {
  const { t } = useTranslation();
  const { nodeId } = diagnostic;
  const place = describeDocumentPath(t, document, diagnostic.path, nodeId);
  const body = (
    <>
      <span className={`sb-severity sb-severity--${diagnostic.severity}`}>{t(`validation.severity.${diagnostic.severity}`)}</span>
      <code className="sb-diagnostic__code">{diagnostic.code}</code>
      <span className="sb-diagnostic__title">{t(`diagnostics.${diagnostic.code}.title`, { defaultValue: '' })}</span>
      <span className="sb-diagnostic__message">{diagnosticText(t, diagnostic)}</span>
      {diagnostic.hint && <span className="sb-diagnostic__hint">{diagnosticHint(t, diagnostic)}</span>}
      {(place.step || place.parts.length > 0) && (
        <span className="sb-diagnostic__where">
          <PlaceLabel place={place} />
        </span>
      )}
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
