import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "./create-database.js";

/** The PostgreSQL server tests use; trust auth on the development machines and CI. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type TestDatabaseKind = "pglite" | "postgres";

/**
 * The databases every database-backed suite runs against. PostgreSQL is always included: when it is down the
 * suite fails. Outside CI a developer without PostgreSQL may set SWITCHBOARD_SKIP_POSTGRES=1; CI refuses that.
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  if (process.env.SWITCHBOARD_SKIP_POSTGRES === "1") {
    if (process.env.CI === "true") throw new Error("SWITCHBOARD_SKIP_POSTGRES=1 is not allowed in CI: PostgreSQL tests must run");
    return ["pglite"];
  }
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
    const db = await createDatabase({ url: TEST_POSTGRES_URL, schema, migrate });
    return withReset(db, () => adminQuery(`DROP SCHEMA "${schema}" CASCADE`));
  } catch (error) {
    await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    throw error;
  }
}

/** Every table, children before parents, so plain DELETEs never trip a foreign key. */
const RESET_ORDER = [
  "switch_capabilities",
  "node_visits",
  "call_records",
  "callbacks",
  "audit_events",
  "deployments",
  "bindings",
  "flow_versions",
  "sessions",
  "flows",
  "users",
];

/** Fails with instructions when the test PostgreSQL server cannot be reached. */
export async function assertPostgresReachable(url = TEST_POSTGRES_URL): Promise<void> {
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

async function adminQuery(sql: string, url = TEST_POSTGRES_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (cause) {
    throw new Error(
      `PostgreSQL for tests is unreachable at ${url} (${(cause as Error).message}). ` +
        `Start it (pg_ctlcluster <version> main start), point TEST_DATABASE_URL elsewhere, ` +
        `or outside CI set SWITCHBOARD_SKIP_POSTGRES=1`,
      { cause },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
