import { startEmbeddedPostgres } from "./embedded-postgres.js";

/** How the test run's PostgreSQL was chosen; set beside `TEST_DATABASE_URL` by {@link providePostgresForTests}. */
export type TestPostgresSource = "given" | "embedded";

/**
 * Makes sure `TEST_DATABASE_URL` names a PostgreSQL server for the tests, and returns how to release it.
 *
 * - `TEST_DATABASE_URL` already set (by the user, or by an earlier call in this process): used as it is.
 * - Otherwise a real PostgreSQL is started ({@link startEmbeddedPostgres}) and `TEST_DATABASE_URL` points at it
 *   until the returned function stops it. A server that happens to run on 127.0.0.1:5432 is not used, so every
 *   machine (CI included) takes the same path as a fresh one.
 *
 * Called before test workers start (vitest `globalSetup`), so the workers and anything they spawn inherit the URL.
 */
export async function providePostgresForTests(log: (line: string) => void = console.log): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) {
    if (!process.env.SWITCHBOARD_TEST_POSTGRES) {
      process.env.SWITCHBOARD_TEST_POSTGRES = "given" satisfies TestPostgresSource;
      log(`PostgreSQL tests use the server in TEST_DATABASE_URL (${serverOf(process.env.TEST_DATABASE_URL)})`);
    }
    return async () => undefined;
  }
  const server = await startEmbeddedPostgres({ log });
  process.env.TEST_DATABASE_URL = server.url;
  process.env.SWITCHBOARD_TEST_POSTGRES = "embedded" satisfies TestPostgresSource;
  return async () => {
    delete process.env.TEST_DATABASE_URL;
    delete process.env.SWITCHBOARD_TEST_POSTGRES;
    await server.stop();
  };
}

/**
 * vitest `globalSetup` of every package whose tests use PostgreSQL (see each `vitest.config.ts`). In one run over
 * several packages the first package's setup starts the server and the others find `TEST_DATABASE_URL` set, so
 * the whole run shares one server, stopped when the run ends.
 */
export default function setup(): Promise<() => Promise<void>> {
  return providePostgresForTests();
}

/** `postgres://user:secret@host:5432/db` → `host:5432/db`: where a URL points, without its credentials, for logs. */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "unparsable URL";
  }
}
