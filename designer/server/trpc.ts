import { initTRPC, TRPCError } from "@trpc/server";
import type { PrismaClient, Role } from "@switchboard/db";
import type { DeploymentEvents } from "@switchboard/db";
import { InputProblemsError, publicError } from "./errors.js";
import { inputProblems } from "./input-guard.js";
import type { ApiLimits } from "./limits.js";
import { PERMISSIONS, roleHasPermission, type Permission } from "./permissions.js";

/** Long-lived things every request shares. */
export interface ApiServices {
  prisma: PrismaClient;
  deploymentEvents: DeploymentEvents;
  /** Injected so tests can move time (rate-limit windows, session expiry). */
  now: () => Date;
  /** Mark cookies Secure (when served over HTTPS). */
  secureCookies: boolean;
  /** Request size, nesting, text length, trusted origins, sign-in throttling (limits.ts). */
  limits: ApiLimits;
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
  // Never a stack trace to a client, in any environment: see publicError (errors.ts).
  isDev: false,
  errorFormatter({ shape, error, path }) {
    const { message, data } = publicError(error, path);
    return { code: shape.code, message, data };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure starts here: the raw input is refused with BAD_REQUEST, naming each field, when it nests deeper
 * than the limit or holds a text that is too long, has a NUL or an unpaired surrogate (input-guard.ts) — before
 * any schema, handler or database sees it.
 */
const checkedInput = t.procedure.use(async ({ ctx, getRawInput, next }) => {
  const issues = inputProblems(await getRawInput(), ctx.limits);
  if (issues.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      cause: new InputProblemsError(issues),
    });
  }
  return next();
});

/** Anyone, signed in or not (login, me). */
export const publicProcedure = checkedInput;

/** Any signed-in user. */
export const authedProcedure = checkedInput.use(({ ctx, next }) => {
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

/**
 * Like {@link requirePermission}, for procedures needing several permissions (e.g. reading a call and saving a
 * scenario from it): the first one missing is named.
 */
export function requirePermissions(first: Permission, ...more: Permission[]) {
  return authedProcedure.use(({ ctx, next }) => {
    const missing = [first, ...more].find((permission) => !roleHasPermission(ctx.user.role, permission));
    if (missing) throw new TRPCError({ code: "FORBIDDEN", message: `Permission required: ${PERMISSIONS[missing].label}` });
    return next();
  });
}
