import { z } from "zod";

export const ZSwitchCapabilitiesInput = z.object({ environment: z.enum(["staging", "production"]).optional() }).default({});

export type SwitchCapabilitiesInput = z.infer<typeof ZSwitchCapabilitiesInput>;
