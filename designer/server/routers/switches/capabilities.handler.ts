import type { Context } from "../../trpc.js";
import type { SwitchCapabilitiesInput } from "./inputs.js";
import { knownSwitches, type KnownSwitch } from "./known-switches.js";

/** The last report about each switch (per environment), with the live flows needing something it lacks. */
export async function switchCapabilities(ctx: Context, input: SwitchCapabilitiesInput): Promise<KnownSwitch[]> {
  return knownSwitches(ctx.prisma, input.environment);
}
