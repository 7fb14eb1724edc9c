import { FlowNameSchema } from "@switchboard/flows";
import { z } from "zod";

const flowId = z.string().uuid();
const versionNumber = z.number().int().positive();

export const ZFlowIdInput = z.object({ flowId });
export const ZListFlowsInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });
/** A flow by id (the designer) or by name (the CLI and flow files, which never hold database ids). */
export const ZFlowRefInput = z.union([z.object({ flowId }), z.object({ name: z.string().min(1).max(200) })]);
export const ZCreateFlowInput = z.object({ name: FlowNameSchema, description: z.string().max(2000).default("") });
export const ZRenameFlowInput = z.object({ flowId, name: FlowNameSchema });
export const ZArchiveFlowInput = z.object({ flowId, archived: z.boolean() });
export const ZSaveDraftInput = z.object({
  flowId,
  /** The draft revision the editor loaded; a save on top of anyone else's newer save is refused. */
  baseRevision: z.number().int().positive(),
  /**
   * The whole document. Its `scenarios` are saved only when `baseScenariosRevision` is given (the editor changed
   * them itself, e.g. in the code view); otherwise the stored scenarios are kept as they are, whatever it holds.
   */
  document: z.unknown(),
  /** The scenarios revision the document's scenarios were based on; a newer scenario save by anyone is a conflict. */
  baseScenariosRevision: z.number().int().positive().optional(),
});
export const ZSaveScenariosInput = z.object({
  flowId,
  /** The scenarios revision the change was made on; a save on top of anyone else's newer scenario save is refused. */
  baseScenariosRevision: z.number().int().positive(),
  /** The draft's scenarios after the change, all of them (checked against the flows `ScenarioSchema` by the handler). */
  scenarios: z.array(z.unknown()).max(200),
});
/** Flow names a simulated call may enter (sub-flows, followed transitively by the handler). */
export const ZCompiledByNamesInput = z.object({ names: z.array(z.string().min(1).max(80)).max(100) });
export const ZValidateInput = z.union([z.object({ flowId }), z.object({ document: z.unknown() })]);
export const ZPublishInput = z.object({
  flowId,
  message: z.string().max(500).default(""),
  /** When given, publishing is refused if the draft moved on since this revision. */
  baseRevision: z.number().int().positive().optional(),
});
export const ZGetVersionInput = z.object({ flowId, number: versionNumber });
export const ZDiffVersionsInput = z.object({ flowId, from: versionNumber, to: z.union([versionNumber, z.literal("draft")]) });
export const ZExportFlowInput = z.intersection(ZFlowRefInput, z.object({ version: versionNumber.optional() }));
export const ZImportFlowsInput = z.object({
  documents: z.array(z.unknown()).min(1).max(200),
  /** Replace drafts holding someone else's unpublished edits or scenarios (refused by default, so nothing is lost unseen). */
  replaceOthersDrafts: z.boolean().default(false),
});

export type ListFlowsInput = z.infer<typeof ZListFlowsInput>;
export type FlowRefInput = z.infer<typeof ZFlowRefInput>;
export type CreateFlowInput = z.infer<typeof ZCreateFlowInput>;
export type RenameFlowInput = z.infer<typeof ZRenameFlowInput>;
export type ArchiveFlowInput = z.infer<typeof ZArchiveFlowInput>;
export type SaveDraftInput = z.infer<typeof ZSaveDraftInput>;
export type SaveScenariosInput = z.infer<typeof ZSaveScenariosInput>;
export type CompiledByNamesInput = z.infer<typeof ZCompiledByNamesInput>;
export type ValidateInput = z.infer<typeof ZValidateInput>;
export type PublishInput = z.infer<typeof ZPublishInput>;
export type GetVersionInput = z.infer<typeof ZGetVersionInput>;
export type DiffVersionsInput = z.infer<typeof ZDiffVersionsInput>;
export type ExportFlowInput = z.infer<typeof ZExportFlowInput>;
export type ImportFlowsInput = z.infer<typeof ZImportFlowsInput>;
