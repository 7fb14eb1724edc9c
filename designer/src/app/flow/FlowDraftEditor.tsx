import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { CalendarNamesContext, FlowEditor, type NodeHighlight } from '../../editor';
import { FlowSimulator } from '../../simulator';
import { apiErrorInfo } from '../api/api-error';
import { useTRPC, useTRPCClient, type FlowDetail } from '../api/trpc';
import { createFlowWithDocument } from '../flows/create-flow';
import { liveVersionNumber } from '../flows/flow-status';
import { GuardedButton } from '../permissions/GuardedButton';
import { usePermission } from '../permissions/usePermission';
import { VersionsPanel } from '../versions/VersionsPanel';
import { apiDraftStore } from './api-draft-store';
import { ConflictDialog } from './ConflictDialog';
import { ExportButton } from './ExportButton';
import { FlowTitleBar } from './FlowTitleBar';
import { ImportDocumentButton } from './ImportDocumentButton';
import { PublishDialog } from './PublishDialog';
import { SaveStateIndicator } from './SaveStateIndicator';
import { RestoredEditsNotice } from './RestoredEditsNotice';
import { browserUnsavedBackup } from './unsaved-backup';
import { AUTOSAVE_DELAY_MS, useDraftAutosave } from './useDraftAutosave';
import { useFlowStatus } from './useFlowStatus';
import { useScenarioRefresh } from './useScenarioRefresh';
import { ValidateButton } from './ValidateButton';

/** The draft of one flow: the editor with automatic saving, validation, publishing, versions and files. */
export function FlowDraftEditor({ flow }: { flow: FlowDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState(flow.name);
  // Shared calendars a schedule may name (its inspector offers them).
  const calendars = useQuery(trpc.calendars.list.queryOptions());
  const calendarNames = useMemo(() => calendars.data?.map((calendar) => calendar.name) ?? null, [calendars.data]);
  const store = useMemo(
    () => apiDraftStore(client, flow.id, flow.name, (renamed) => {
      setName(renamed);
      void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
    }),
    [client, flow.id, flow.name, queryClient, trpc],
  );
  // Edits not saved when the page last closed come back from here (see unsaved-backup.ts).
  const backup = useMemo(() => browserUnsavedBackup(flow.id), [flow.id]);
  const draft = useDraftAutosave(
    store,
    { document: flow.draft, revision: flow.draftRevision, scenariosRevision: flow.scenariosRevision, savedBy: flow.draftSavedBy, savedAt: flow.draftSavedAt },
    AUTOSAVE_DELAY_MS,
    backup,
  );
  useScenarioRefresh(draft.refreshScenarios);
  const editing = usePermission('editFlows');
  const scenarioSaving = usePermission('saveScenarios');
  const status = useFlowStatus({ name, latestVersionNumber: flow.latestVersionNumber });
  const [publishing, setPublishing] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [testCallOpen, setTestCallOpen] = useState(false);
  const [highlights, setHighlights] = useState<Record<string, NodeHighlight>>({});
  // The draft's compiled hash (null: it has errors; undefined: not compiled yet) against the latest version's.
  const [draftHash, setDraftHash] = useState<string | null | undefined>(undefined);
  const unpublishedChanges = flow.latestVersionHash !== null && draftHash !== undefined && draftHash !== flow.latestVersionHash;

  const { flush } = draft;

  const copyToNewFlow = useMutation({
    mutationFn: (copyName: string) => createFlowWithDocument(client, copyName, draft.document.description, draft.document),
    onSuccess: async (flowId) => {
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      navigate(`/flows/${flowId}`);
    },
  });
  const overwrite = useMutation({ mutationFn: () => draft.overwriteTheirs() });

  return (
    <div className="sb-app-flow">
      <FlowTitleBar name={name} status={status} unpublishedChanges={unpublishedChanges} subtitle={editing.allowed ? undefined : <span title={editing.reason}>{t('app.flow.readOnly')}</span>}>
        {editing.allowed && <SaveStateIndicator status={draft.status} error={draft.error} onRetry={() => void flush()} />}
        <ValidateButton document={draft.document} />
        <GuardedButton permission="publishFlows" whenDenied="note" className="sb-app-button sb-app-button--primary" onClick={() => setPublishing(true)}>
          {t('app.publish.button')}
        </GuardedButton>
        <button type="button" className="sb-app-button" aria-pressed={testCallOpen} onClick={() => setTestCallOpen((open) => !open)}>
          {t('simulator.open')}
        </button>
        <button type="button" className="sb-app-button" aria-pressed={versionsOpen} onClick={() => setVersionsOpen((open) => !open)}>
          {t('app.versions.button')}
        </button>
        <ExportButton flowId={flow.id} flowName={name} ensureSaved={editing.allowed ? flush : undefined} />
        <ImportDocumentButton flowName={name} onImport={draft.change} />
      </FlowTitleBar>
      {draft.restored && <RestoredEditsNotice restored={draft.restored} conflict={draft.conflict !== null} onDismiss={draft.dismissRestored} />}
      <div className="sb-app-flow__body">
        <div className="sb-app-flow__editor">
          <CalendarNamesContext.Provider value={calendarNames}>
            <FlowEditor document={draft.document} onChange={draft.change} readOnly={!editing.allowed} highlights={testCallOpen ? highlights : undefined} onCompiled={setDraftHash} />
          </CalendarNamesContext.Provider>
        </div>
        {testCallOpen && (
          <FlowSimulator
            flowId={flow.id}
            draft={draft.document}
            onHighlights={setHighlights}
            onScenariosSave={scenarioSaving.allowed ? draft.saveScenarios : undefined}
            saveDeniedReason={scenarioSaving.reason}
          />
        )}
        {versionsOpen && <VersionsPanel flowId={flow.id} flowName={name} status={status} onClose={() => setVersionsOpen(false)} />}
      </div>
      {publishing && (
        <PublishDialog
          flowId={flow.id}
          flowName={name}
          liveVersion={liveVersionNumber(status)}
          bindings={status.live}
          document={draft.document}
          ensureSaved={flush}
          onClose={() => setPublishing(false)}
        />
      )}
      {draft.conflict && (
        <ConflictDialog
          conflict={draft.conflict}
          flowName={name}
          busy={copyToNewFlow.isPending || overwrite.isPending}
          onLoadTheirs={draft.loadTheirs}
          onOverwrite={() => overwrite.mutate()}
          onCopyToNewFlow={(copyName) => copyToNewFlow.mutate(copyName)}
          copyError={copyToNewFlow.isError ? apiErrorInfo(copyToNewFlow.error).message : undefined}
        />
      )}
    </div>
  );
}
