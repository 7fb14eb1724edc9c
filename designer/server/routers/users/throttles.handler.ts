import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../audit.js";
import { ANY_ACCOUNT, clearThrottle, currentThrottles } from "../../login-throttle.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { ClearSignInThrottleInput } from "./inputs.js";

type Ctx = Context & { user: SessionUser };

/** Current sign-in throttles; `email` "" is the row counting every account from that address. */
export function listSignInThrottles(ctx: Ctx) {
  return currentThrottles(ctx.prisma, ctx.now(), ctx.limits.loginThrottle);
}

/** Clears one throttle row and audits who cleared it and the counts it had. */
export async function clearSignInThrottle(ctx: Ctx, input: ClearSignInThrottleInput) {
  return ctx.prisma.$transaction(async (tx) => {
    const row = await clearThrottle(tx, input.email, input.address);
    const who = input.email === ANY_ACCOUNT ? `any account from ${input.address}` : `${input.email} from ${input.address}`;
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No sign-in throttle for ${who}; it may have been cleared or forgotten already` });
    const user = input.email === ANY_ACCOUNT ? null : await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    await recordAudit(tx, {
      action: "auth.throttle_cleared",
      actorId: ctx.user.id,
      subjectType: "user",
      subjectId: user?.id ?? null,
      details: { email: input.email, address: input.address, failures: row.failures, refused: row.refused },
    });
    return { cleared: true, email: input.email, address: input.address };
  });
}
