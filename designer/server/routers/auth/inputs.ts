import { z } from "zod";

export const ZLoginInput = z.object({
  email: z.string().trim().toLowerCase().max(254).email(),
  password: z.string().min(1).max(1000),
});
export type LoginInput = z.infer<typeof ZLoginInput>;
