import { useTranslation } from 'react-i18next';
import type { FlowSummary } from '../api/trpc';

interface FlowVersionFieldsProps {
  /** Published, not archived flows to choose from. */
  published: readonly FlowSummary[];
  flowName: string;
  /** The chosen version number as text; '' means the flow's latest. */
  version: string;
  onFlowChange(flowName: string): void;
  onVersionChange(version: string): void;
}

/** A published flow and one of its versions (default: its latest), for binding or scheduling it on a number. */
export function FlowVersionFields({ published, flowName, version, onFlowChange, onVersionChange }: FlowVersionFieldsProps) {
  const { t } = useTranslation();
  const chosen = published.find((flow) => flow.name === flowName);
  return (
    <>
      <label className="sb-app-field">
        <span>{t('app.bindings.flow')}</span>
        <select className="sb-app-input" value={flowName} required onChange={(e) => onFlowChange(e.target.value)}>
          <option value="">{t('app.bindings.chooseFlow')}</option>
          {published.map((flow) => (
            <option key={flow.id} value={flow.name}>
              {flow.name}
            </option>
          ))}
        </select>
      </label>
      <label className="sb-app-field">
        <span>{t('app.bindings.version')}</span>
        <select className="sb-app-input" value={version} onChange={(e) => onVersionChange(e.target.value)} disabled={!chosen}>
          <option value="">{t('app.bindings.latest')}</option>
          {chosen &&
            Array.from({ length: chosen.latestVersionNumber }, (_, i) => chosen.latestVersionNumber - i).map((n) => (
              <option key={n} value={n}>
                {t('app.versions.version', { version: n })}
              </option>
            ))}
        </select>
      </label>
    </>
  );
}
