import type { PrismaClient } from "@switchboard/db";
import { mergeLiveSnapshots, pendingCallbacksByQueue, readLiveSnapshots, type LiveDatabase, type LiveView } from "@switchboard/runtime/live";
import type { LiveInput } from "./inputs.js";

/** Prisma's raw queries in the shape the runtime's live-store functions take. */
function liveDatabase(prisma: Pick<PrismaClient, "$queryRawUnsafe">): LiveDatabase {
  return { sql: { query: <Row>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<Row[]>(sql, ...params) } };
}

/**
 * The live view of one environment: every runtime's latest snapshot (`runtime_live_snapshots`, about once a second
 * each) merged, with the callbacks waiting per queue. Two small reads; nothing is computed from call records.
 */
export async function liveView(prisma: Pick<PrismaClient, "$queryRawUnsafe">, input: LiveInput): Promise<LiveView & { readAt: string }> {
  const db = liveDatabase(prisma);
  const [snapshots, callbacks] = await Promise.all([readLiveSnapshots(db), pendingCallbacksByQueue(db)]);
  return { ...mergeLiveSnapshots(snapshots, callbacks, { environment: input.environment }), readAt: new Date().toISOString() };
}
