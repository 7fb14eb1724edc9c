import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimDueCallbacks } from "./callbacks.js";
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from "./testing.js";

describe.each(testDatabaseKinds())("database guarantees on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.close());
  beforeEach(() => db.reset());

  async function flowWithVersion(name: string) {
    const flow = await db.prisma.flow.create({ data: { name, draftDocument: { name } } });
    const version = await db.prisma.flowVersion.create({
      data: { flowId: flow.id, number: 1, document: { name }, compiled: {}, contentHash: "abc" },
    });
    return { flow, version };
  }

  it("refuses to change a published version", async () => {
    const { version } = await flowWithVersion("main");
    await expect(db.prisma.flowVersion.update({ where: { id: version.id }, data: { message: "edited" } })).rejects.toThrow(/immutable/);
  });

  it("refuses two versions with the same number of one flow", async () => {
    const { flow } = await flowWithVersion("main");
    await expect(
      db.prisma.flowVersion.create({ data: { flowId: flow.id, number: 1, document: {}, compiled: {}, contentHash: "x" } }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it("refuses a binding whose active version belongs to another flow or does not exist", async () => {
    const main = await flowWithVersion("main");
    const other = await flowWithVersion("other");
    const bind = (activeVersionId: string) =>
      db.prisma.binding.create({ data: { address: "+15550100", environment: "staging", flowId: main.flow.id, activeVersionId } });
    await expect(bind(other.version.id)).rejects.toThrow(/Foreign key constraint/);
    await expect(bind(randomUUID())).rejects.toThrow(/Foreign key constraint/);
    await expect(bind(main.version.id)).resolves.toMatchObject({ activeVersionId: main.version.id });
  });

  it("allows one open callback per number and queue, and a new one once it is done", async () => {
    const callback = { number: "+15550111", queue: "support", switchGroup: "default", originalWaitSeconds: 90, nextAttemptAt: new Date() };
    const first = await db.prisma.callback.create({ data: callback });
    await expect(db.prisma.callback.create({ data: callback })).rejects.toThrow(/Unique constraint/);
    await db.prisma.callback.create({ data: { ...callback, queue: "sales" } });
    await db.prisma.callback.update({ where: { id: first.id }, data: { status: "completed" } });
    await expect(db.prisma.callback.create({ data: callback })).resolves.toMatchObject({ status: "pending" });
  });

  it("lets diallers claim due callbacks of their own switch group inside their window, each exactly once", async () => {
    const now = new Date("2026-12-24T10:00:00Z");
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
    await db.prisma.callback.createMany({
      data: [
        ...Array.from({ length: 6 }, (_, i) => ({ number: `+1555020${i}`, queue: "support", switchGroup: "default", originalWaitSeconds: 60 + i, nextAttemptAt: minutes(-10 + i) })),
        { number: "+15550300", queue: "support", switchGroup: "default", originalWaitSeconds: 1, nextAttemptAt: minutes(5) },
        { number: "+15550301", queue: "support", switchGroup: "default", originalWaitSeconds: 1, nextAttemptAt: minutes(-1), windowEnd: minutes(-1) },
        { number: "+15550302", queue: "support", switchGroup: "default", originalWaitSeconds: 1, nextAttemptAt: minutes(-1), windowStart: minutes(30) },
        { number: "+15550303", queue: "support", switchGroup: "emulator:laptop", originalWaitSeconds: 900, nextAttemptAt: minutes(-60) },
      ],
    });
    const [a, b] = await Promise.all([
      claimDueCallbacks(db.sql, { workerId: "dialler-a", switchGroup: "default", now, limit: 4 }),
      claimDueCallbacks(db.sql, { workerId: "dialler-b", switchGroup: "default", now, limit: 4 }),
    ]);
    const claimed = [...a!, ...b!].map((c) => c.number).sort();
    expect(claimed).toEqual(Array.from({ length: 6 }, (_, i) => `+1555020${i}`));
    expect(new Set(claimed).size).toBe(6);
    expect([...a!, ...b!].every((c) => c.attempts === 1)).toBe(true);
    expect(await claimDueCallbacks(db.sql, { workerId: "dialler-c", switchGroup: "default", now, limit: 10 })).toEqual([]);
    expect(await db.prisma.callback.count({ where: { status: "in_progress" } })).toBe(6);
    // The emulator's callback is the oldest due, yet only a dialler of its own group takes it.
    expect((await claimDueCallbacks(db.sql, { workerId: "emulated", switchGroup: "emulator:laptop", now, limit: 10 })).map((c) => c.number)).toEqual(["+15550303"]);
  });
});
