import { requirePermission, router } from "../../trpc.js";
import { activate, bind, deploymentHistory, listBindings, rollback } from "./deployments.handler.js";
import { ZActivateInput, ZBindInput, ZHistoryInput, ZListBindingsInput, ZRollbackInput } from "./inputs.js";

export const deploymentsRouter = router({
  list: requirePermission("readFlows").input(ZListBindingsInput).query(({ ctx, input }) => listBindings(ctx, input)),
  history: requirePermission("readFlows").input(ZHistoryInput).query(({ ctx, input }) => deploymentHistory(ctx, input)),
  bind: requirePermission("bindNumbers").input(ZBindInput).mutation(({ ctx, input }) => bind(ctx, input)),
  activate: requirePermission("activateVersions").input(ZActivateInput).mutation(({ ctx, input }) => activate(ctx, input)),
  rollback: requirePermission("rollBack").input(ZRollbackInput).mutation(({ ctx, input }) => rollback(ctx, input)),
});
