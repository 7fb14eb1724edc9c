import { requirePermission, router } from "../../trpc.js";
import { compiledByNames } from "./compiled-by-names.handler.js";
import { archiveFlow, createFlow, getFlow, listFlows, renameFlow, saveDraft } from "./drafts.handler.js";
import {
  ZArchiveFlowInput,
  ZCompiledByNamesInput,
  ZCreateFlowInput,
  ZDiffVersionsInput,
  ZExportFlowInput,
  ZFlowIdInput,
  ZFlowRefInput,
  ZGetVersionInput,
  ZImportFlowsInput,
  ZListFlowsInput,
  ZPublishInput,
  ZRenameFlowInput,
  ZSaveDraftInput,
  ZSaveScenariosInput,
  ZValidateInput,
} from "./inputs.js";
import { publishFlow, validateFlow } from "./publish.handler.js";
import { saveScenarios } from "./scenarios.handler.js";
import { exportFlow, importFlows } from "./transfer.handler.js";
import { diffVersions, getVersion, listVersions } from "./versions.handler.js";

const reader = requirePermission("readFlows");
const editor = requirePermission("editFlows");
const scenarioSaver = requirePermission("saveScenarios");
const publisher = requirePermission("publishFlows");

export const flowsRouter = router({
  list: reader.input(ZListFlowsInput).query(({ ctx, input }) => listFlows(ctx, input)),
  get: reader.input(ZFlowRefInput).query(({ ctx, input }) => getFlow(ctx, input)),
  validate: reader.input(ZValidateInput).mutation(({ ctx, input }) => validateFlow(ctx, input)),
  listVersions: reader.input(ZFlowIdInput).query(({ ctx, input }) => listVersions(ctx, input)),
  getVersion: reader.input(ZGetVersionInput).query(({ ctx, input }) => getVersion(ctx, input)),
  diffVersions: reader.input(ZDiffVersionsInput).query(({ ctx, input }) => diffVersions(ctx, input)),
  export: reader.input(ZExportFlowInput).query(({ ctx, input }) => exportFlow(ctx, input)),
  compiledByNames: reader.input(ZCompiledByNamesInput).query(({ ctx, input }) => compiledByNames(ctx, input)),

  create: editor.input(ZCreateFlowInput).mutation(({ ctx, input }) => createFlow(ctx, input)),
  rename: editor.input(ZRenameFlowInput).mutation(({ ctx, input }) => renameFlow(ctx, input)),
  archive: editor.input(ZArchiveFlowInput).mutation(({ ctx, input }) => archiveFlow(ctx, input)),
  saveDraft: editor.input(ZSaveDraftInput).mutation(({ ctx, input }) => saveDraft(ctx, input)),
  import: editor.input(ZImportFlowsInput).mutation(({ ctx, input }) => importFlows(ctx, input)),

  saveScenarios: scenarioSaver.input(ZSaveScenariosInput).mutation(({ ctx, input }) => saveScenarios(ctx, input)),

  publish: publisher.input(ZPublishInput).mutation(({ ctx, input }) => publishFlow(ctx, input)),
});
