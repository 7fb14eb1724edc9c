import { requirePermission, router } from "../../trpc.js";
import { listIncidents, switchOff, switchOn } from "./incidents.handler.js";
import { ZListIncidentsInput, ZSwitchOffInput, ZSwitchOnInput } from "./inputs.js";

export const incidentsRouter = router({
  list: requirePermission("readFlows").input(ZListIncidentsInput).query(({ ctx, input }) => listIncidents(ctx, input)),
  switchOn: requirePermission("switchIncidents").input(ZSwitchOnInput).mutation(({ ctx, input }) => switchOn(ctx, input)),
  switchOff: requirePermission("switchIncidents").input(ZSwitchOffInput).mutation(({ ctx, input }) => switchOff(ctx, input)),
});
