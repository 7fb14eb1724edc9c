import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "./create-database.js";

/**
 * The PostgreSQL server tests use: `TEST_DATABASE_URL`, which the vitest `globalSetup` (`test-postgres-setup.ts`)
 * sets to an embedded server it started when the user did not set it.
 */
export function testPostgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      "TEST_DATABASE_URL is not set: run the tests with vitest from the repository or a package folder (their " +
        "vitest.config.ts starts an embedded PostgreSQL through @switchboard/db/test-postgres-setup), " +
        "or set TEST_DATABASE_URL=postgres://user@host:port/db",
    );
  }
  return url;
}

export type TestDatabaseKind = "pglite" | "postgres";

/**
 * The databases every database-backed suite runs against: PGlite and PostgreSQL, always both (PostgreSQL is
 * started for the run when no server is given, so there is nothing to skip).
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return ["pglite", "postgres"];
}

export interface TestDatabase extends Database {
  /** Empties every table (keeping the migration history), so tests in one file share one instance. */
  reset(): Promise<void>;
}

/**
 * A migrated database for one test file: in-memory PGlite, or a fresh PostgreSQL schema that is dropped again
 * on close.
 */
export async function openTestDatabase(kind: TestDatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (kind === "pglite") return withReset(await createDatabase({ url: "memory://", migrate }), async () => undefined);
  const schema = `sb_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE SCHEMA "${schema}"`);
  try {
    const db = await createDatabase({ url: testPostgresUrl(), schema, migrate });
    return withReset(db, () => adminQuery(`DROP SCHEMA "${schema}" CASCADE`));
  } catch (error) {
    await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    throw error;
  }
}

/** Every table, children before parents, so plain DELETEs never trip a foreign key. */
const RESET_ORDER = [
  "login_throttles",
  "runtime_live_snapshots",
  "switch_capabilities",
  "node_rollups_hourly",
  "split_rollups_hourly",
  "call_rollups_hourly",
  "node_visits",
  "call_records",
  "callbacks",
  "switch_group_dialers",
  "audit_events",
  "incident_overrides",
  "scheduled_publishes",
  "deployments",
  "bindings",
  "flow_versions",
  "calendar_revisions",
  "calendars",
  "privacy_settings",
  "sessions",
  "flows",
  "users",
];

/** Fails with instructions when the test PostgreSQL server cannot be reached. */
export async function assertPostgresReachable(url = testPostgresUrl()): Promise<void> {
  await adminQuery("SELECT 1", url);
}

function withReset(db: Database, afterClose: () => Promise<unknown>): TestDatabase {
  return {
    ...db,
    async reset() {
      const tables = await db.sql.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
      );
      const unknown = tables.map((t) => t.tablename).filter((name) => !RESET_ORDER.includes(name));
      if (unknown.length > 0) throw new Error(`testing.ts: add table(s) ${unknown.join(", ")} to RESET_ORDER`);
      // DELETE, children first: on small tables far faster than TRUNCATE, which rewrites files.
      await db.sql.exec(RESET_ORDER.map((table) => `DELETE FROM "${table}";`).join("\n"));
    },
    async close() {
      await db.close();
      await afterClose();
    },
  };
}

async function adminQuery(sql: string, url = testPostgresUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (cause) {
    throw new Error(
      `PostgreSQL for tests is unreachable at ${redactPassword(url)} (${(cause as Error).message}). ` +
        `Start that server, point TEST_DATABASE_URL at one that runs, or unset TEST_DATABASE_URL so the tests ` +
        `start an embedded PostgreSQL themselves`,
      { cause },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for error messages. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}
