import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '@switchboard/flows';

/** Diagnostics as a list: code, where (node and field), message and how to fix it. */
export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const { t } = useTranslation();
  return (
    <ul className="sb-app-diagnostics">
      {diagnostics.map((d, index) => (
        <li key={`${d.code}:${d.nodeId ?? ''}:${d.path}:${index}`} className={`sb-app-diagnostic is-${d.severity}`}>
          <span className="sb-app-diagnostic__code">{d.code}</span> <span>{d.message}</span>
          {(d.nodeId || d.path) && <span className="sb-app-muted"> · {d.nodeId ? t('app.diagnostics.node', { node: d.nodeId }) : ''} {d.path}</span>}
          {d.hint && <div className="sb-app-muted">{d.hint}</div>}
        </li>
      ))}
    </ul>
  );
}
