import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimDueCallbacks, dueCallbacks } from "./callbacks.js";
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
    const callback = { number: "+15550111", queue: "support", switchGroup: "default", originalWaitSeconds: 90, requestedAt: new Date(), nextAttemptAt: new Date() };
    const first = await db.prisma.callback.create({ data: callback });
    await expect(db.prisma.callback.create({ data: callback })).rejects.toThrow(/Unique constraint/);
    await db.prisma.callback.create({ data: { ...callback, queue: "sales" } });
    await db.prisma.callback.update({ where: { id: first.id }, data: { status: "completed" } });
    await expect(db.prisma.callback.create({ data: callback })).resolves.toMatchObject({ status: "pending" });
  });

  it("lets diallers claim due callbacks of their own switch group inside their window, each exactly once", async () => {
    const now = new Date("2026-12-24T10:00:00Z");
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
    const left = { requestedAt: minutes(-30), callerLeftAt: minutes(-29) };
    await db.prisma.callback.createMany({
      data: [
        ...Array.from({ length: 6 }, (_, i) => ({ number: `+1555020${i}`, queue: "support", switchGroup: "default", ...left, originalWaitSeconds: 60 + i, nextAttemptAt: minutes(-10 + i) })),
        { number: "+15550300", queue: "support", switchGroup: "default", ...left, originalWaitSeconds: 1, nextAttemptAt: minutes(5) },
        { number: "+15550301", queue: "support", switchGroup: "default", ...left, originalWaitSeconds: 1, nextAttemptAt: minutes(-1), windowEnd: minutes(-1) },
        { number: "+15550302", queue: "support", switchGroup: "default", ...left, originalWaitSeconds: 1, nextAttemptAt: minutes(-1), windowStart: minutes(30) },
        { number: "+15550303", queue: "support", switchGroup: "emulator:laptop", ...left, originalWaitSeconds: 900, nextAttemptAt: minutes(-60) },
        // Still on the call that asked (never dialled then), and one whose call was never seen to end but is long over.
        { number: "+15550304", queue: "support", switchGroup: "default", requestedAt: minutes(-1), originalWaitSeconds: 1, nextAttemptAt: minutes(-1) },
        { number: "+15550305", queue: "support", switchGroup: "default", requestedAt: minutes(-16), originalWaitSeconds: 1, nextAttemptAt: minutes(-16) },
      ],
    });
    const dueNumbers = [...Array.from({ length: 6 }, (_, i) => `+1555020${i}`), "+15550305"].sort();
    expect((await dueCallbacks(db.sql, { switchGroup: "default", now, limit: 20 })).map((c) => c.number).sort()).toEqual(dueNumbers);
    const [a, b] = await Promise.all([
      claimDueCallbacks(db.sql, { workerId: "dialler-a", switchGroup: "default", now, limit: 4 }),
      claimDueCallbacks(db.sql, { workerId: "dialler-b", switchGroup: "default", now, limit: 4 }),
    ]);
    const claimed = [...a!, ...b!].map((c) => c.number).sort();
    expect(claimed).toEqual(dueNumbers);
    expect([...a!, ...b!].every((c) => c.attempts === 1)).toBe(true);
    expect(await claimDueCallbacks(db.sql, { workerId: "dialler-c", switchGroup: "default", now, limit: 10 })).toEqual([]);
    expect(await db.prisma.callback.count({ where: { status: "in_progress" } })).toBe(7);
    // The emulator's callback is the oldest due, yet only a dialler of its own group takes it.
    expect((await claimDueCallbacks(db.sql, { workerId: "emulated", switchGroup: "emulator:laptop", now, limit: 10 })).map((c) => c.number)).toEqual(["+15550303"]);
  });

  it("claims only the chosen callbacks, and only while they are still due", async () => {
    const now = new Date("2026-12-24T10:00:00Z");
    const asked = new Date(now.getTime() - 60_000);
    const base = { queue: "support", switchGroup: "default", originalWaitSeconds: 30, requestedAt: asked, nextAttemptAt: asked };
    const left = await db.prisma.callback.create({ data: { ...base, number: "+15550401", callerLeftAt: asked } });
    const other = await db.prisma.callback.create({ data: { ...base, number: "+15550402", callerLeftAt: asked } });
    const onCall = await db.prisma.callback.create({ data: { ...base, number: "+15550403" } });
    const claimed = await claimDueCallbacks(db.sql, { workerId: "a", switchGroup: "default", now, limit: 10, ids: [left.id, onCall.id] });
    expect(claimed).toEqual([{ id: left.id, number: "+15550401", queue: "support", originalWaitSeconds: 30, requestedAt: asked, attempts: 1, windowEnd: null, purpose: "queue", survey: null }]);
    expect(await db.prisma.callback.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "pending" });
  });
});
