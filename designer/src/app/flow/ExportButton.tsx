import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPCClient } from '../api/trpc';
import { apiErrorInfo } from '../api/api-error';
import { downloadJson } from './download-json';

interface ExportButtonProps {
  flowId: string;
  flowName: string;
  /** A version; the saved draft when absent. */
  version?: number;
  /** Saves pending edits first, so the file holds what the editor shows. */
  ensureSaved?(): Promise<unknown>;
}

/** Downloads the flow (draft or a version) as a JSON file with `schemaVersion`, ready for git or another install. */
export function ExportButton({ flowId, flowName, version, ensureSaved }: ExportButtonProps) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const exportFlow = useMutation({
    mutationFn: async () => {
      await ensureSaved?.();
      return client.flows.export.query(version === undefined ? { flowId } : { flowId, version });
    },
    onSuccess: (document) => downloadJson(`${flowName}${version === undefined ? '' : `.v${version}`}.json`, document),
  });
  return (
    <>
      <button type="button" className="sb-app-button" disabled={exportFlow.isPending} onClick={() => exportFlow.mutate()}>
        {t('app.export.button')}
      </button>
      {exportFlow.isError && (
        <span role="alert" className="sb-app-error-text">
          {apiErrorInfo(exportFlow.error).message}
        </span>
      )}
    </>
  );
}
