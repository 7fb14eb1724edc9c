import type { FlowDocument } from '@switchboard/flows';
import type { ApiClient } from '../api/trpc';

/**
 * Creates a flow named `name` holding `document` (renamed to match) as its draft: for templates, duplicates and
 * "copy mine to a new flow". Returns the new flow's id.
 */
export async function createFlowWithDocument(client: ApiClient, name: string, description: string, document: FlowDocument | null): Promise<string> {
  const created = await client.flows.create.mutate({ name, description });
  if (document) {
    // The copy takes the scenarios along: they are saved only when sent with the revision they replace.
    await client.flows.saveDraft.mutate({
      flowId: created.id,
      baseRevision: created.draftRevision,
      baseScenariosRevision: created.scenariosRevision,
      document: { ...document, name, description },
    });
  }
  return created.id;
}
