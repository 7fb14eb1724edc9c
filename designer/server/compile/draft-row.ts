import type { Prisma, PrismaClient } from "@switchboard/db";

/** A draft save: the parsed document as JSON text (from a compile worker) and who saved it when. */
export interface DraftSave {
  readonly flowId: string;
  readonly baseRevision: number;
  readonly documentJson: string;
  readonly description: string;
  readonly savedById: string;
  readonly savedAt: Date;
}

/**
 * Stores the draft only if it is still at `baseRevision` (one conditional UPDATE); returns how many rows changed
 * (0: someone saved in between). The document goes as a text parameter cast to jsonb: through `flow.updateMany`
 * Prisma's query compiler would walk a 20,000-node document on the API's thread for seconds.
 */
export function updateDraftRow(db: PrismaClient | Prisma.TransactionClient, save: DraftSave): Promise<number> {
  return db.$executeRaw`
    UPDATE flows
       SET draft_document = ${save.documentJson}::jsonb, description = ${save.description}, draft_revision = draft_revision + 1,
           draft_saved_by_id = ${save.savedById}::uuid, draft_saved_at = ${save.savedAt}
     WHERE id = ${save.flowId}::uuid AND draft_revision = ${save.baseRevision}`;
}
