import { z } from "zod";

export const ZListAuditInput = z
  .object({ action: z.string().max(100).optional(), limit: z.number().int().min(1).max(1000).default(100) })
  .default({ limit: 100 });
export type ListAuditInput = z.infer<typeof ZListAuditInput>;
