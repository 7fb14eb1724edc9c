import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "./create-database.js";

describe("createDatabase", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("keeps embedded PGlite data in its data directory across restarts, migrating only once", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "sb-pglite-"));
    dirs.push(dataDir);
    const first = await createDatabase({ url: "", dataDir });
    expect(first.kind).toBe("pglite");
    expect(first.location).toContain(dataDir);
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    await first.prisma.user.create({ data: { email: "ada@example.com", displayName: "Ada", passwordHash: "x", role: "admin" } });
    await first.close();

    const second = await createDatabase({ url: "", dataDir });
    expect(second.migrations.applied).toEqual([]);
    expect(await second.prisma.user.findUnique({ where: { email: "ada@example.com" } })).toMatchObject({ role: "admin" });
    await second.close();
  }, 60_000);

  it("survives a PostgreSQL connection closed while idle (server restart, pg_terminate_backend): told, then reconnects", async () => {
    const seen: Error[] = [];
    const db = await createDatabase({ url: process.env.TEST_DATABASE_URL!, migrate: false, onConnectionError: (error) => seen.push(error) });
    const other = await createDatabase({ url: process.env.TEST_DATABASE_URL!, migrate: false });
    try {
      const pid = (await db.sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid;
      // The client that ran it now sits idle in the pool; the server closes it.
      await other.sql.query("SELECT pg_terminate_backend($1)", [pid]);
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(1);
      expect(seen[0]!.message).toMatch(/terminating connection/);
      const next = (await db.sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid;
      expect(next).not.toBe(pid);
    } finally {
      await other.close();
      await db.close();
    }
  });

  it("rejects a DATABASE_URL it cannot use, saying what it got", async () => {
    await expect(createDatabase({ url: "mysql://root@localhost/x" })).rejects.toThrow(/must be a postgres:\/\/.*mysql:\/\/root@localhost\/x/);
  });
});
