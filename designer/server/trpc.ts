import { initTRPC, TRPCError } from "@trpc/server";
import type { PrismaClient, Role } from "@switchboard/db";
import { ZodError } from "zod";
import type { DeploymentEvents } from "@switchboard/db";
import { DiagnosticsError } from "./errors.js";
import type { LoginRateLimiter } from "./login-rate-limit.js";
import { PERMISSIONS, roleHasPermission, type Permission } from "./permissions.js";

/** Long-lived things every request shares. */
export interface ApiServices {
  prisma: PrismaClient;
  deploymentEvents: DeploymentEvents;
  loginRateLimiter: LoginRateLimiter;
  /** Injected so tests can move time (rate-limit windows, session expiry). */
  now: () => Date;
  /** Mark cookies Secure (when served over HTTPS). */
  secureCookies: boolean;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export interface Context extends ApiServices {
  user: SessionUser | null;
  sessionTokenHash: string | null;
  clientAddress: string;
  /** Adds a Set-Cookie header to the response. */
  setCookie(cookie: string): void;
}

const t = initTRPC.context<Context>().create({
  // Stack traces reach clients only when explicitly developing, never by default.
  isDev: process.env.NODE_ENV === "development",
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        diagnostics: cause instanceof DiagnosticsError ? cause.diagnostics : undefined,
        inputIssues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : undefined,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not (login, me). */
export const publicProcedure = t.procedure;

/** Any signed-in user. */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A signed-in user whose role grants `permission`; others get FORBIDDEN "Permission required: <what>".
 * Authorization lives here, never inside handlers. See permissions.ts for the matrix.
 */
export function requirePermission(permission: Permission) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roleHasPermission(ctx.user.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Permission required: ${PERMISSIONS[permission].label}` });
    }
    return next();
  });
}
