import { z } from "zod";

const role = z.enum(["editor", "tester", "publisher", "admin"]);

export const ZCreateUserInput = z.object({
  email: z.string().trim().toLowerCase().email(),
  displayName: z.string().trim().min(1).max(100),
  role,
  password: z.string().min(12, "use at least 12 characters").max(1000),
});
export const ZSetRoleInput = z.object({ userId: z.string().uuid(), role });

export type CreateUserInput = z.infer<typeof ZCreateUserInput>;
export type SetRoleInput = z.infer<typeof ZSetRoleInput>;
