import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, MigrationError, readMigrations } from "./migrate.js";
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from "./testing.js";

async function writeMigrations(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
}

describe.each(testDatabaseKinds())("migrator on %s", (kind) => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { migrate: false });
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sb-migrations-"));
    await db.sql.exec(`DROP TABLE IF EXISTS "_prisma_migrations", widgets, gadgets CASCADE`);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("records each applied migration in _prisma_migrations exactly as Prisma does (SHA-256 of the file)", async () => {
    await writeMigrations(dir, { "20260101000000_widgets": "CREATE TABLE widgets (id INT PRIMARY KEY);\n" });
    const result = await migrate(db.sql, dir);
    expect(result).toEqual({ applied: ["20260101000000_widgets"], alreadyApplied: [] });
    const rows = await db.sql.query<Record<string, unknown>>(`SELECT * FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(1);
    const expectedChecksum = createHash("sha256").update("CREATE TABLE widgets (id INT PRIMARY KEY);\n").digest("hex");
    expect(rows[0]).toMatchObject({ migration_name: "20260101000000_widgets", checksum: expectedChecksum, applied_steps_count: 1, rolled_back_at: null, logs: null });
    expect(rows[0]!.finished_at).toBeInstanceOf(Date);
    expect(String(rows[0]!.id)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("is idempotent and applies only the new migrations, in timestamp order", async () => {
    await writeMigrations(dir, { "20260101000000_widgets": "CREATE TABLE widgets (id INT PRIMARY KEY);" });
    await migrate(db.sql, dir);
    expect(await migrate(db.sql, dir)).toEqual({ applied: [], alreadyApplied: ["20260101000000_widgets"] });
    await writeMigrations(dir, { "20260102000000_gadgets": "CREATE TABLE gadgets (widget_id INT REFERENCES widgets(id));" });
    expect(await migrate(db.sql, dir)).toEqual({ applied: ["20260102000000_gadgets"], alreadyApplied: ["20260101000000_widgets"] });
  });

  it("rolls a failing migration back completely and names the file and the database's complaint", async () => {
    await writeMigrations(dir, { "20260101000000_broken": "CREATE TABLE widgets (id INT);\nALTER TABLE nowhere ADD COLUMN x INT;" });
    const failure = await migrate(db.sql, dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain("Migration 20260101000000_broken failed");
    expect((failure as Error).message).toContain(join(dir, "20260101000000_broken", "migration.sql"));
    expect((failure as Error).message).toMatch(/nowhere/);
    expect(await db.sql.query(`SELECT 1 FROM pg_tables WHERE tablename = 'widgets' AND schemaname = current_schema()`)).toEqual([]);
    expect(await db.sql.query(`SELECT 1 FROM "_prisma_migrations"`)).toEqual([]);
  });

  it("refuses to start when an applied migration was edited afterwards", async () => {
    await writeMigrations(dir, { "20260101000000_widgets": "CREATE TABLE widgets (id INT PRIMARY KEY);" });
    await migrate(db.sql, dir);
    await writeMigrations(dir, { "20260101000000_widgets": "CREATE TABLE widgets (id BIGINT PRIMARY KEY);" });
    await expect(migrate(db.sql, dir)).rejects.toThrow(/Migration 20260101000000_widgets was changed after it was applied/);
  });

  it("refuses to start over a migration another tool left unfinished", async () => {
    await writeMigrations(dir, { "20260101000000_widgets": "CREATE TABLE widgets (id INT PRIMARY KEY);" });
    await migrate(db.sql, dir);
    await db.sql.exec(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    await expect(migrate(db.sql, dir)).rejects.toThrow(/was started but never finished/);
  });

  it("applies the project's real migrations cleanly", async () => {
    const real = await readMigrations(MIGRATIONS_DIR);
    expect(real.length).toBeGreaterThan(0);
    expect(real[0]!.checksum).toBe(createHash("sha256").update(await readFile(real[0]!.path)).digest("hex"));
  });
});
