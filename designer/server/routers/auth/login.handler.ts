import { TRPCError } from "@trpc/server";
import { RetryLaterError } from "../../errors.js";
import { loginWaitMs, recordLoginFailure, recordLoginSuccess, throttleAddress } from "../../login-throttle.js";
import { decoyPasswordHash, verifyPassword } from "../../passwords.js";
import { hashSessionToken, newSessionToken, SESSION_TTL_MS, sessionCookie } from "../../session-cookie.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { LoginInput } from "./inputs.js";

/** "45 seconds", "2 minutes". */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/**
 * Checks the password, opens a session and sets the HttpOnly session cookie. Failures are throttled per account
 * and address (login-throttle.ts) and audited once per burst; a throttled attempt is refused before the password
 * is checked.
 */
export async function login(ctx: Context, input: LoginInput): Promise<SessionUser> {
  const now = ctx.now();
  const address = throttleAddress(ctx.clientAddress);
  const waitMs = await loginWaitMs(ctx.prisma, input.email, address, now);
  if (waitMs > 0) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `Too many failed sign-ins from your address; try again in ${formatWait(waitMs)}. Other addresses are not affected, and an admin can clear this on the users page.`,
      cause: new RetryLaterError(waitMs),
    });
  }
  const user = await ctx.prisma.user.findUnique({ where: { email: input.email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    const reason = user ? "wrong password" : "unknown email";
    await recordLoginFailure(ctx.prisma, { email: input.email, address, userId: user?.id ?? null, reason }, now, ctx.limits.loginThrottle);
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Email or password is wrong" });
  }
  await recordLoginSuccess(ctx.prisma, input.email, address);
  await ctx.prisma.session.deleteMany({ where: { userId: user.id, expiresAt: { lt: now } } });
  const token = newSessionToken();
  await ctx.prisma.session.create({
    data: { tokenHash: hashSessionToken(token), userId: user.id, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
  });
  ctx.setCookie(sessionCookie(token, { secure: ctx.secureCookies, maxAgeSeconds: SESSION_TTL_MS / 1000 }));
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}
