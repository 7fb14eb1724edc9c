import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgDriver, pgliteDriver } from "./drivers.js";
import { PrismaClient } from "./generated/client.js";
import { migrate, type MigrationResult } from "./migrate.js";
import type { SqlDriver } from "./sql.js";

export interface DatabaseOptions {
  /**
   * `postgres://…` or `postgresql://…` for a PostgreSQL server; `memory://` for a throw-away in-memory PGlite.
   * Defaults to `DATABASE_URL`; when neither is set, PGlite persisted under `dataDir`.
   */
  url?: string;
  /** Where embedded PGlite keeps its files. Defaults to `.data/pglite` under the working directory. */
  dataDir?: string;
  /** PostgreSQL schema to use instead of `public` (also read from `?schema=` in the URL); created if missing. */
  schema?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /**
   * A pooled PostgreSQL connection failed while idle (the server restarted, a proxy or `pg_terminate_backend`
   * closed it): the pool drops it and opens a new one for the next query. Without a listener node-postgres would
   * throw the error out of the process. Default: one warning line on stderr.
   */
  onConnectionError?: (error: Error) => void;
}

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** PostgreSQL schema holding the tables (`public` on PGlite). */
  schema: string;
  /** Raw SQL on the same database, for the migrator, `FOR UPDATE SKIP LOCKED` queues and NOTIFY. */
  sql: SqlDriver;
  /** Human-readable place the data lives, for start-up logs (never includes a password). */
  location: string;
  /** Connection settings for extra PostgreSQL connections (LISTEN needs its own); undefined on PGlite. */
  pgConfig?: pg.PoolConfig;
  migrations: MigrationResult;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = ".data/pglite";

/**
 * Interactive transactions wait their turn: PGlite runs one at a time, and on PostgreSQL a publish waits for the
 * flow's row lock. Prisma's defaults (2 s to start, 5 s to finish) would fail them under load rather than wait.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

/** Opens (and by default migrates) the database: PGlite in-process, or PostgreSQL when given a postgres URL. */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL ?? "";
  const opened = /^postgres(ql)?:\/\//.test(url) ? openPostgres(url, options.schema, options.onConnectionError ?? warnConnectionError) : await openPglite(url, options);
  try {
    if (opened.kind === "postgres" && opened.schema !== "public") await opened.sql.exec(`CREATE SCHEMA IF NOT EXISTS "${opened.schema}"`);
    const migrations = options.migrate === false ? { applied: [], alreadyApplied: [] } : await migrate(opened.sql);
    return { ...opened, migrations };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

type Opened = Omit<Database, "migrations">;

async function openPglite(url: string, options: DatabaseOptions): Promise<Opened> {
  if (url !== "" && url !== "memory://") {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (or memory://), got "${redact(url)}"`);
  }
  let location = "memory";
  let pglite: PGlite;
  if (url === "memory://") {
    pglite = new PGlite();
  } else {
    const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    await mkdir(dataDir, { recursive: true });
    location = dataDir;
    pglite = new PGlite(dataDir);
  }
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: TRANSACTION_OPTIONS });
  return {
    prisma,
    kind: "pglite",
    schema: "public",
    sql: pgliteDriver(pglite),
    location: `PGlite (${location})`,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function warnConnectionError(error: Error): void {
  console.warn(`PostgreSQL connection lost while idle (${error.message}); the next query opens a new one`);
}

function openPostgres(url: string, explicitSchema: string | undefined, onConnectionError: (error: Error) => void): Opened {
  const parsed = new URL(url);
  const schema = explicitSchema ?? parsed.searchParams.get("schema") ?? "public";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`PostgreSQL schema name "${schema}" is not a plain identifier`);
  parsed.searchParams.delete("schema");
  const pgConfig: pg.PoolConfig = { connectionString: parsed.toString(), options: `-c search_path="${schema}"` };
  const pool = new pg.Pool(pgConfig);
  pool.on("error", onConnectionError);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema }), transactionOptions: TRANSACTION_OPTIONS });
  return {
    prisma,
    kind: "postgres",
    schema,
    sql: pgDriver(pool),
    location: `PostgreSQL ${redact(url)} (schema ${schema})`,
    pgConfig,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable URL>";
  }
}
