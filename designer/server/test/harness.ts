import { randomUUID } from "node:crypto";
import type { Role } from "@switchboard/db";
import { openTestDatabase, testDatabaseKinds, type TestDatabase, type TestDatabaseKind } from "@switchboard/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { createApiClient, type ApiClient } from "../client.js";
import { startHttpServer, type RunningServer } from "../http-server.js";
import { hashPassword } from "../passwords.js";
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from "../session-cookie.js";
import { createApiServices } from "../services.js";
import type { ApiServices } from "../trpc.js";

export const ROLES: Role[] = ["editor", "tester", "publisher", "admin"];
export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export interface ApiHarness {
  db: TestDatabase;
  services: ApiServices;
  server: RunningServer;
  /** Moves the API's clock (rate-limit windows, session expiry). */
  clock: { offsetMs: number };
  users: Record<Role, { id: string; email: string }>;
  /** Empties the database and seeds one user per role (password TEST_PASSWORD). */
  reset(): Promise<void>;
  /** A client that signed in through auth.login over HTTP. */
  login(role: Role): Promise<ApiClient>;
  /** A client holding a fresh session cookie for `role`, without the (deliberately slow) password check. */
  sessionFor(role: Role): Promise<ApiClient>;
  anonymous(): ApiClient;
  /** Adds a user directly (password TEST_PASSWORD), skipping the slow hash. */
  addUser(email: string, role: Role): Promise<{ id: string }>;
  close(): Promise<void>;
}

/** One database and one HTTP server per test file; `reset()` between tests. */
export async function openApiHarness(kind: TestDatabaseKind): Promise<ApiHarness> {
  const db = await openTestDatabase(kind);
  const clock = { offsetMs: 0 };
  const services = await createApiServices(db, { now: () => new Date(Date.now() + clock.offsetMs) });
  const server = await startHttpServer(services, { port: 0 });
  const users = {} as ApiHarness["users"];
  const harness: ApiHarness = {
    db,
    services,
    server,
    clock,
    users,
    async reset() {
      await db.reset();
      clock.offsetMs = 0;
      passwordHash ??= hashPassword(TEST_PASSWORD);
      for (const role of ROLES) {
        const user = await db.prisma.user.create({
          data: { email: `${role}@example.com`, displayName: `${role[0]!.toUpperCase()}${role.slice(1)}`, role, passwordHash: await passwordHash },
        });
        users[role] = { id: user.id, email: user.email };
      }
    },
    async login(role) {
      const client = createApiClient(server.url);
      await client.auth.login.mutate({ email: `${role}@example.com`, password: TEST_PASSWORD });
      return client;
    },
    async sessionFor(role) {
      const token = newSessionToken();
      await db.prisma.session.create({
        data: { id: randomUUID(), tokenHash: hashSessionToken(token), userId: users[role].id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
      });
      return createApiClient(server.url, new Map([[SESSION_COOKIE, token]]));
    },
    anonymous: () => createApiClient(server.url),
    async addUser(email, role) {
      passwordHash ??= hashPassword(TEST_PASSWORD);
      return db.prisma.user.create({ data: { email, displayName: email.split("@")[0]!, role, passwordHash: await passwordHash }, select: { id: true } });
    },
    async close() {
      await server.close();
      await services.deploymentEvents.close();
      await db.close();
    },
  };
  return harness;
}

/**
 * Declares the suite `title` once per test database (`testDatabaseKinds()`: PGlite and PostgreSQL, so the
 * PostgreSQL run fails when its server is down), each with its own harness: opened before the suite, reset
 * before each test (before the suite's own `beforeEach` hooks), closed after. `h` stands for that harness; use
 * it inside hooks and tests only.
 */
export function describeOnEachDatabase(title: string, suite: (h: ApiHarness, kind: TestDatabaseKind) => void): void {
  describe.each(testDatabaseKinds())(`${title} on %s`, (kind) => {
    let opened: ApiHarness | undefined;
    const current = (): ApiHarness => {
      if (!opened) throw new Error(`the ${kind} API harness is used outside a hook or test, or failed to open`);
      return opened;
    };
    beforeAll(async () => {
      opened = await openApiHarness(kind);
    });
    afterAll(() => opened?.close());
    beforeEach(() => current().reset());
    suite(new Proxy({} as ApiHarness, { get: (_, key) => Reflect.get(current(), key) }), kind);
  });
}

/** The tRPC error code (FORBIDDEN, CONFLICT, …) a call failed with, or "OK" when it succeeded. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCClientError) return String(error.data?.code ?? error.message);
    throw error;
  }
}

/** The rejection of a call that must fail, as a TRPCClientError with its data (code, diagnostics). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<any>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error;
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
