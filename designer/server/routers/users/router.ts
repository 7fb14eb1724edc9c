import { requirePermission, router } from "../../trpc.js";
import { ZClearSignInThrottleInput, ZCreateUserInput, ZSetRoleInput } from "./inputs.js";
import { clearSignInThrottle, listSignInThrottles } from "./throttles.handler.js";
import { createUser, listUsers, setRole } from "./users.handler.js";

const admin = requirePermission("manageUsers");
const throttleAdmin = requirePermission("manageSignInThrottles");

export const usersRouter = router({
  list: admin.query(({ ctx }) => listUsers(ctx)),
  create: admin.input(ZCreateUserInput).mutation(({ ctx, input }) => createUser(ctx, input)),
  setRole: admin.input(ZSetRoleInput).mutation(({ ctx, input }) => setRole(ctx, input)),
  /** Accounts and addresses whose sign-ins are being slowed down, blocked ones first. */
  signInThrottles: throttleAdmin.query(({ ctx }) => listSignInThrottles(ctx)),
  /** Lets an account (or an address) sign in again at once. */
  clearSignInThrottle: throttleAdmin.input(ZClearSignInThrottleInput).mutation(({ ctx, input }) => clearSignInThrottle(ctx, input)),
});
