import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "./migrate.js";
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from "./testing.js";

const MIGRATION = "20261203152000_draft_scenarios";

describe.each(testDatabaseKinds())("the draft_scenarios migration on %s", (kind) => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { migrate: false });
    dir = await mkdtemp(join(tmpdir(), "sb-draft-scenarios-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("moves each draft's scenarios out of draft_document, saved by whoever saved the draft", async () => {
    const all = await readMigrations(MIGRATIONS_DIR);
    const before = all.filter((m) => m.name < MIGRATION);
    for (const m of before) await cp(join(MIGRATIONS_DIR, m.name), join(dir, m.name), { recursive: true });
    await migrate(db.sql, dir);
    await db.sql.exec(`
      INSERT INTO users (id, email, display_name, password_hash, role) VALUES ('00000000-0000-4000-8000-000000000001', 't@example.com', 'T', 'x', 'tester');
      INSERT INTO flows (id, name, draft_document, draft_saved_by_id, draft_saved_at) VALUES
        ('00000000-0000-4000-8000-00000000000a', 'with', '{"name":"with","nodes":[],"scenarios":[{"name":"holiday"}]}', '00000000-0000-4000-8000-000000000001', '2026-11-30T10:00:00Z'),
        ('00000000-0000-4000-8000-00000000000b', 'without', '{"name":"without","nodes":[]}', NULL, '2026-11-30T10:00:00Z');`);
    await cp(join(MIGRATIONS_DIR, MIGRATION), join(dir, MIGRATION), { recursive: true });
    expect((await migrate(db.sql, dir)).applied).toEqual([MIGRATION]);

    const rows = await db.sql.query<{ name: string; draft_document: unknown; draft_scenarios: unknown; scenarios_revision: number; scenarios_saved_by_id: string | null }>(
      `SELECT name, draft_document, draft_scenarios, scenarios_revision, scenarios_saved_by_id FROM flows ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: "with", draft_document: { name: "with", nodes: [] }, draft_scenarios: [{ name: "holiday" }], scenarios_revision: 1, scenarios_saved_by_id: "00000000-0000-4000-8000-000000000001" },
      { name: "without", draft_document: { name: "without", nodes: [] }, draft_scenarios: [], scenarios_revision: 1, scenarios_saved_by_id: null },
    ]);
  });
});
