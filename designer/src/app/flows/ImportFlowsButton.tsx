import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, useTRPCClient } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { ErrorMessage } from '../ui/ErrorMessage';
import { readJsonFiles } from './read-json-files';

/** Imports flow files (JSON) as drafts, matched to flows by name. All or nothing; every problem listed by path. */
export function ImportFlowsButton() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const importFiles = useMutation({
    mutationFn: async (files: File[]) => client.flows.import.mutate({ documents: await readJsonFiles(files) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
  });
  return (
    <span className="sb-app-import">
      <GuardedButton permission="editFlows" onClick={() => input.current?.click()} disabled={importFiles.isPending}>
        {t('app.flows.import.button')}
      </GuardedButton>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        multiple
        hidden
        data-testid="import-flows-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) importFiles.mutate(files);
        }}
      />
      {importFiles.isSuccess && (
        <span role="status" className="sb-app-muted">
          {t('app.flows.import.done', { names: importFiles.data.map((f) => f.name).join(', ') })}
        </span>
      )}
      {importFiles.isError && <ErrorMessage error={importFiles.error} />}
    </span>
  );
}
