import { useTranslation } from 'react-i18next';
import type { Diagnostic, FlowDocument } from '@switchboard/flows';
import { describeDocumentPath } from '../../editor/names/describe-place';
import { PlaceLabel } from '../../editor/names/PlaceLabel';
import { diagnosticHint, diagnosticText } from '../../i18n/diagnostic-text';

/**
 * Diagnostics as a list: code, message, how to fix it, and where. With the flow `document` they are about, "where"
 * names the step and the field as the canvas and the inspector do (the id and path stay as detail); without it
 * (calendars, imports that did not parse) the path is shown as written.
 */
export function DiagnosticList({ diagnostics, document }: { diagnostics: readonly Diagnostic[]; document?: FlowDocument | undefined }) {
  const { t } = useTranslation();
  return (
    <ul className="sb-app-diagnostics">
      {diagnostics.map((d, index) => {
        const place = document ? describeDocumentPath(t, document, d.path, d.nodeId) : null;
        return (
          <li key={`${d.code}:${d.nodeId ?? ''}:${d.path}:${index}`} className={`sb-app-diagnostic is-${d.severity}`}>
            <span className="sb-app-diagnostic__code">{d.code}</span> <span>{diagnosticText(t, d)}</span>
            {place && (place.step || place.parts.length > 0) ? (
              <span className="sb-app-diagnostic__place">
                {' · '}
                <PlaceLabel place={place} />
              </span>
            ) : (
              (d.nodeId || d.path) && <span className="sb-app-muted"> · {d.nodeId ? t('app.diagnostics.node', { node: d.nodeId }) : ''} {d.path}</span>
            )}
            {d.hint && <div className="sb-app-muted">{diagnosticHint(t, d)}</div>}
          </li>
        );
      })}
    </ul>
  );
}
