import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../audit.js";
import { hashPassword } from "../../passwords.js";
import type { Context, SessionUser } from "../../trpc.js";
import { isUniqueViolation } from "../flows/load.js";
import type { CreateUserInput, SetRoleInput } from "./inputs.js";

type Ctx = Context & { user: SessionUser };
const publicFields = { id: true, email: true, displayName: true, role: true, createdAt: true } as const;

export function listUsers(ctx: Ctx) {
  return ctx.prisma.user.findMany({ select: publicFields, orderBy: { email: "asc" } });
}

export async function createUser(ctx: Ctx, input: CreateUserInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, displayName: input.displayName, role: input.role, passwordHash }, select: publicFields });
      await recordAudit(tx, { action: "user.create", actorId: ctx.user.id, subjectType: "user", subjectId: user.id, details: { email: user.email, role: user.role } });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: `A user with email ${input.email} already exists` });
    throw error;
  }
}

/** Changes a role; the last admin cannot be demoted (nobody could manage users afterwards). */
export async function setRole(ctx: Ctx, input: SetRoleInput) {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE role = 'admin'::"Role" FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new TRPCError({ code: "NOT_FOUND", message: `No user with id ${input.userId}` });
    if (user.role === input.role) return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, createdAt: user.createdAt };
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) === 1) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `${user.email} is the last admin; make someone else admin first` });
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role }, select: publicFields });
    await recordAudit(tx, {
      action: "user.role_change",
      actorId: ctx.user.id,
      subjectType: "user",
      subjectId: user.id,
      details: { email: user.email, from: user.role, to: input.role },
    });
    return updated;
  });
}
