import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../audit.js";
import { decoyPasswordHash, verifyPassword } from "../../passwords.js";
import { hashSessionToken, newSessionToken, SESSION_TTL_MS, sessionCookie } from "../../session-cookie.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { LoginInput } from "./inputs.js";

/** Checks the password, opens a session and sets the HttpOnly session cookie. Failures are audited. */
export async function login(ctx: Context, input: LoginInput): Promise<SessionUser> {
  const now = ctx.now();
  const retryAfterMs = ctx.loginRateLimiter.retryAfterMs(input.email, ctx.clientAddress, now.getTime());
  const user = await ctx.prisma.user.findUnique({ where: { email: input.email } });
  const fail = async (reason: string) => {
    await recordAudit(ctx.prisma, {
      action: "auth.login_failed",
      actorId: user?.id ?? null,
      subjectType: "user",
      subjectId: user?.id ?? null,
      details: { email: input.email, reason, address: ctx.clientAddress },
    });
  };
  if (retryAfterMs > 0) {
    await fail("rate limited");
    const minutes = Math.ceil(retryAfterMs / 60_000);
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}` });
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    ctx.loginRateLimiter.recordFailure(input.email, ctx.clientAddress, now.getTime());
    await fail(user ? "wrong password" : "unknown email");
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Email or password is wrong" });
  }
  ctx.loginRateLimiter.recordSuccess(input.email);
  await ctx.prisma.session.deleteMany({ where: { userId: user.id, expiresAt: { lt: now } } });
  const token = newSessionToken();
  await ctx.prisma.session.create({
    data: { tokenHash: hashSessionToken(token), userId: user.id, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
  ctx.setCookie(sessionCookie(token, { secure: ctx.secureCookies, maxAgeSeconds: SESSION_TTL_MS / 1000 }));
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}
