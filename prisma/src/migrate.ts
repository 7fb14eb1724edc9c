import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlConnection, SqlDriver } from "./sql.js";

/** Folder holding Prisma-format migrations: `<timestamp>_<name>/migration.sql`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

/** The advisory lock key `prisma migrate deploy` takes, so our migrator and Prisma's never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

// The exact table `prisma migrate` creates, so a machine with the schema engine sees the same history.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationFile {
  name: string;
  path: string;
  sql: string;
  /** SHA-256 hex of the file's bytes, as Prisma records it. */
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Thrown when a migration cannot be applied or the recorded history disagrees with the files. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Reads every migration folder, in name (= timestamp) order. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    folders.map(async (name) => {
      const path = join(dir, name, "migration.sql");
      const bytes = await readFile(path).catch((cause: unknown) => {
        throw new MigrationError(`Migration folder ${name} has no readable migration.sql (${path})`, { cause });
      });
      return { name, path, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, each in its own transaction under Prisma's
 * advisory lock. Idempotent: a second run applies nothing. Refuses to go on when an applied file was edited
 * afterwards, or when a migration was left half-applied by another tool.
 */
export async function migrate(db: SqlDriver, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = await readMigrations(dir);
  await db.exec(CREATE_MIGRATIONS_TABLE);
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const applied = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK]);
      const recorded = await findRecorded(tx, migration.name);
      if (recorded) {
        checkRecorded(migration, recorded);
        return false;
      }
      await apply(tx, migration);
      return true;
    });
    (applied ? result.applied : result.alreadyApplied).push(migration.name);
  }
  return result;
}

async function findRecorded(tx: SqlConnection, name: string): Promise<AppliedRow | undefined> {
  const rows = await tx.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
      WHERE migration_name = $1 AND rolled_back_at IS NULL ORDER BY started_at DESC`,
    [name],
  );
  return rows[0];
}

function checkRecorded(migration: MigrationFile, recorded: AppliedRow): void {
  if (recorded.finished_at === null) {
    throw new MigrationError(
      `Migration ${migration.name} was started but never finished (${migration.path}); ` +
        `repair the database by hand and mark it rolled back or applied before starting again`,
    );
  }
  if (recorded.checksum !== migration.checksum) {
    throw new MigrationError(
      `Migration ${migration.name} was changed after it was applied (${migration.path}): ` +
        `recorded checksum ${recorded.checksum}, file has ${migration.checksum}. ` +
        `Never edit an applied migration; add a new one instead`,
    );
  }
}

async function apply(tx: SqlConnection, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await tx.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
    id,
    migration.checksum,
    migration.name,
  ]);
  try {
    await tx.exec(migration.sql);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MigrationError(`Migration ${migration.name} failed (${migration.path}): ${reason}`, { cause });
  }
  await tx.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
}
