import { z } from "zod";

export const environment = z.enum(["staging", "production"]);
/** A phone number in E.164 (`+15550100`) or a named route (`sip:support`, `route:main`). */
export const address = z
  .string()
  .max(300)
  .trim()
  .regex(/^(\+[1-9]\d{3,14}|[a-z][a-z0-9+.-]*:[A-Za-z0-9._@+-]+)$/, "must be an E.164 number such as +15550100 or a route such as sip:support");
const versionNumber = z.number().int().positive();

export const ZListBindingsInput = z.object({ environment: environment.optional() }).default({});
export const ZBindInput = z.object({
  address,
  environment,
  flowName: z.string().min(1).max(200),
  /** Defaults to the flow's latest version. */
  versionNumber: versionNumber.optional(),
  reason: z.string().max(500).default(""),
});
export const ZActivateInput = z.object({ address, environment, versionNumber, reason: z.string().max(500).default("") });
export const ZRollbackInput = z.object({
  address,
  environment,
  versionNumber,
  reason: z.string().trim().min(1, "say why you are rolling back").max(500),
});
export const ZHistoryInput = z
  .object({ address: address.optional(), environment: environment.optional(), limit: z.number().int().min(1).max(500).default(100) })
  .default({ limit: 100 });

export type ListBindingsInput = z.infer<typeof ZListBindingsInput>;
export type BindInput = z.infer<typeof ZBindInput>;
export type ActivateInput = z.infer<typeof ZActivateInput>;
export type RollbackInput = z.infer<typeof ZRollbackInput>;
export type HistoryInput = z.infer<typeof ZHistoryInput>;
