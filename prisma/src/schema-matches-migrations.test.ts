import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDatabase, describeSchemaFile, normalisePartialPredicates, type SchemaDescription } from "./schema-description.js";
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from "./testing.js";

describe.each(testDatabaseKinds())("migrations match schema.prisma on %s", (kind) => {
  let db: TestDatabase;
  let expected: SchemaDescription;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expected = await normalisePartialPredicates(db.sql, await describeSchemaFile());
  });
  afterAll(() => db?.close());

  it("has exactly the tables and enums of schema.prisma", async () => {
    const actual = await describeDatabase(db.sql);
    expect(actual.tables).toEqual(expected.tables);
    expect(actual.enums).toEqual(expected.enums);
  });

  it("has every column with the schema's type, nullability and default, and no other", async () => {
    expect((await describeDatabase(db.sql)).columns).toEqual(expected.columns);
  });

  it("has every primary key, unique (including partial) and plain index of the schema, and no other", async () => {
    expect((await describeDatabase(db.sql)).indexes).toEqual(expected.indexes);
    const partial = expected.indexes.find((line) => line.startsWith("unique callbacks_one_open_per_number_queue "));
    expect(partial).toMatch(/on callbacks\(number, queue\) where <.*'pending'.*'in_progress'.*>$/);
  });

  it("has every foreign key with the schema's referential actions, and no other", async () => {
    expect((await describeDatabase(db.sql)).foreignKeys).toEqual(expected.foreignKeys);
  });

  it("notices drift: a dropped default, a loosened column and a missing index all show up", async () => {
    const undoDrift = new Error("undo the drift");
    const drift = db.sql.transaction(async (tx) => {
      await tx.exec(`ALTER TABLE flows ALTER COLUMN description DROP DEFAULT;
                     ALTER TABLE users ALTER COLUMN display_name DROP NOT NULL;
                     DROP INDEX audit_events_created_at_idx;`);
      const drifted = await describeDatabase(tx);
      expect(drifted.columns).not.toEqual(expected.columns);
      expect(drifted.columns).toContain("column flows.description text NOT NULL default=-");
      expect(drifted.columns).toContain("column users.display_name text NULL default=-");
      expect(expected.indexes.filter((line) => !drifted.indexes.includes(line))).toEqual([
        "index audit_events_created_at_idx on audit_events(created_at)",
      ]);
      throw undoDrift;
    });
    await expect(drift).rejects.toBe(undoDrift);
    expect((await describeDatabase(db.sql)).columns).toEqual(expected.columns);
  });
});
