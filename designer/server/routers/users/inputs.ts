import { z } from "zod";

const role = z.enum(["editor", "tester", "publisher", "admin"]);

export const ZCreateUserInput = z.object({
  email: z.string().trim().toLowerCase().max(254).email(),
  displayName: z.string().trim().min(1).max(100),
  role,
  password: z.string().min(12, "use at least 12 characters").max(1000),
});
export const ZSetRoleInput = z.object({ userId: z.string().uuid(), role });

/** One throttle row as users.signInThrottles lists it (email "" = any account from that address). */
export const ZClearSignInThrottleInput = z.object({ email: z.string().max(254), address: z.string().min(1).max(100) });

export type ClearSignInThrottleInput = z.infer<typeof ZClearSignInThrottleInput>;
export type CreateUserInput = z.infer<typeof ZCreateUserInput>;
export type SetRoleInput = z.infer<typeof ZSetRoleInput>;
