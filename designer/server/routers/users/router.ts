import { requirePermission, router } from "../../trpc.js";
import { ZCreateUserInput, ZSetRoleInput } from "./inputs.js";
import { createUser, listUsers, setRole } from "./users.handler.js";

const admin = requirePermission("manageUsers");

export const usersRouter = router({
  list: admin.query(({ ctx }) => listUsers(ctx)),
  create: admin.input(ZCreateUserInput).mutation(({ ctx, input }) => createUser(ctx, input)),
  setRole: admin.input(ZSetRoleInput).mutation(({ ctx, input }) => setRole(ctx, input)),
});
