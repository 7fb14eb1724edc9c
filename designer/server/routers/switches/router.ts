import { requirePermission, router } from "../../trpc.js";
import { switchCapabilities } from "./capabilities.handler.js";
import { ZSwitchCapabilitiesInput } from "./inputs.js";

export const switchesRouter = router({
  capabilities: requirePermission("readSwitchStatus").input(ZSwitchCapabilitiesInput).query(({ ctx, input }) => switchCapabilities(ctx, input)),
});
