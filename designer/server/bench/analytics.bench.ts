/**
 * Analytics at scale (not a test; prints figures): `pnpm --filter @switchboard/designer bench:analytics`.
 *
 * Generates calls and node visits straight into PostgreSQL (its own schema `bench_analytics`, dropped first),
 * rolls them up with the runtime's own `rollUpEndedCalls` in chunks (the statement a runtime runs as calls end),
 * then times every query the dashboard, the canvas and the calls page (search, a deep page, one trace) make. Settings: BENCH_CALLS (default 1,000,000),
 * BENCH_VISITS_PER_CALL (10), BENCH_DAYS (30), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test),
 * BENCH_KEEP=1 keeps the generated data for another run of the queries (BENCH_QUERIES_ONLY=1).
 */
import { createDatabase, rollUpEndedCalls } from "@switchboard/db";
import { computeKpis, emptyTotals } from "../routers/analytics/kpis.js";
import { dimensions, nodeDropOff, rollupTotals, series, versionsWithCalls } from "../routers/analytics/queries.js";
import { ZSearchCallsInput } from "../routers/calls/inputs.js";
import { searchCalls } from "../routers/calls/search.js";
import { loadTrace } from "../routers/calls/trace.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const VISITS = Number(process.env.BENCH_VISITS_PER_CALL ?? 10);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SCHEMA = "bench_analytics";
const CHUNK = 20_000;
const END = Date.parse("2026-12-01T00:00:00Z");
const START = END - DAYS * 86_400_000;

const FLOWS = ["main-menu", "support", "billing", "vip"];
const VERSIONS = FLOWS.flatMap((_, f) => [0, 1].map((v) => `00000000-0000-4000-8000-${String(f * 10 + v).padStart(12, "0")}`));
const OUTCOMES = ["selfServed", "selfServed", "selfServed", "answeredFromQueue", "answeredFromQueue", "callerHungUp", "abandonedInQueue", "unresolvedInIvr", "callbackScheduled", "transferred", "voicemail", "rejected"];

const ms = (start: number) => performance.now() - start;
const sql = (array: readonly string[]) => `ARRAY[${array.map((v) => `'${v}'`).join(",")}]`;

async function generate(db: Awaited<ReturnType<typeof createDatabase>>): Promise<void> {
  console.log(`generating ${CALLS.toLocaleString("en")} calls × ${VISITS} visits over ${DAYS} days into schema ${SCHEMA} …`);
  let insertMs = 0;
  let rollupMs = 0;
  for (let first = 0; first < CALLS; first += CHUNK) {
    const count = Math.min(CHUNK, CALLS - first);
    // Deterministic spread from each call's number (hashtext): flow, version, address, queue, outcome, caller, time.
    const t0 = performance.now();
    const ids = await db.sql.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        // Like real traffic: each number runs one flow (two numbers share main-menu and support), version 2 goes
        // live half-way through, each flow's callers wait in its own queue.
        `WITH g AS (SELECT n, abs(hashtext('call' || n)) AS h, abs(hashtext('time' || n)) AS ht FROM generate_series($1::int, $2::int) AS n),
              c AS (SELECT n, h, (h % 6) AS a, to_timestamp($3 / 1000.0 + (ht % ($4::bigint / 1000))) AS started_at FROM g)
         INSERT INTO call_records (id, call_id, environment, address, flow_name, version_id, caller_number, started_at, ended_at, outcome, end_reason,
                                   queue_name, queue_joined_at, queue_wait_ms, answered_at, agent, talk_ms)
         SELECT gen_random_uuid(), 'bench-' || n, 'production', '+1555010' || a, (${sql(FLOWS)})[1 + a % 4],
                (${sql(VERSIONS)})[1 + (a % 4) * 2 + CASE WHEN started_at < to_timestamp(($3 + $4::bigint / 2) / 1000.0) THEN 0 ELSE 1 END]::uuid,
                '+4477009' || lpad(((h / 13) % 200000)::text, 6, '0'),
                started_at, started_at + (30 + h % 600) * interval '1 second',
                o.outcome, 'generated',
                CASE WHEN o.queued THEN 'q' || (a % 4) || '@default' END,
                CASE WHEN o.queued THEN started_at + interval '20 seconds' END,
                CASE WHEN o.queued THEN (h / 17) % 240000 END,
                CASE WHEN o.outcome = 'answeredFromQueue' THEN started_at + interval '20 seconds' + ((h / 17) % 240000) * interval '1 millisecond' END,
                CASE WHEN o.outcome = 'answeredFromQueue' THEN 'agent' || (h % 40) END,
                CASE WHEN o.outcome = 'answeredFromQueue' THEN 30000 + (h / 19) % 600000 END
           FROM c, LATERAL (SELECT (${sql(OUTCOMES)})[1 + (c.h / 3) % ${OUTCOMES.length}] AS outcome) o0,
                LATERAL (SELECT o0.outcome, o0.outcome IN ('answeredFromQueue', 'abandonedInQueue', 'callbackScheduled') AS queued) o
         RETURNING id`,
        [first, first + count - 1, START, END - START],
      );
      await tx.query(
        `INSERT INTO node_visits (call_record_id, sequence, node_id, node_type, outlet, outlet_reason, entered_at)
         SELECT c.id, s, 'node' || ((abs(hashtext(c.call_id)) + s * 7) % 20), 'menu',
                CASE WHEN s < $1 - 1 THEN (ARRAY['1','2','invalid'])[1 + (abs(hashtext(c.call_id)) / (s + 1)) % 3] END,
                CASE WHEN s < $1 - 1 THEN 'generated' END,
                c.started_at + s * interval '3 seconds'
           FROM call_records c, generate_series(0, $1 - 1) AS s
          WHERE c.id = ANY($2::uuid[])`,
        [VISITS, rows.map((row) => row.id)],
      );
      await tx.query(
        `INSERT INTO callbacks (id, number, queue, switch_group, original_wait_seconds, status, attempts, next_attempt_at, requested_at, call_id, caller_left_at)
         SELECT gen_random_uuid(), c.caller_number, c.queue_name, 'default', 60, (ARRAY['completed','completed','completed','failed']::"CallbackStatus"[])[1 + abs(hashtext(c.call_id)) % 4],
                1, c.ended_at, c.ended_at, c.call_id, c.ended_at
           FROM call_records c WHERE c.id = ANY($1::uuid[]) AND c.outcome = 'callbackScheduled'`,
        [rows.map((row) => row.id)],
      );
      return rows.map((row) => row.id);
    });
    insertMs += ms(t0);
    const t1 = performance.now();
    await db.sql.transaction((tx) => rollUpEndedCalls(tx, ids));
    rollupMs += ms(t1);
    if ((first / CHUNK) % 10 === 0 || first + count >= CALLS) {
      console.log(`  ${(first + count).toLocaleString("en")} calls: inserts ${(insertMs / 1000).toFixed(1)} s, rollups ${(rollupMs / 1000).toFixed(1)} s`);
    }
  }
  console.log(`generated: inserts ${(insertMs / 1000).toFixed(1)} s; rollups ${(rollupMs / 1000).toFixed(1)} s = ${((rollupMs / CALLS) * 1000).toFixed(1)} µs per call`);
  await db.sql.exec(`ANALYZE`);
}

/** The cursor half-way down 30 days of calls (the page after ~500,000 newer ones). */
async function middleCursor(db: Awaited<ReturnType<typeof createDatabase>>, period: { from: string; to: string }): Promise<string> {
  const [row] = await db.sql.query<{ started_at: string; id: string }>(
    `SELECT started_at, id FROM call_records WHERE environment = 'production' AND started_at >= $1 AND started_at < $2 ORDER BY started_at DESC, id DESC OFFSET (SELECT count(*) / 2 FROM call_records) LIMIT 1`,
    [period.from, period.to],
  );
  return `${new Date(row!.started_at).toISOString()}|${row!.id}`;
}

/** The calls page's searches: newest 50 with each filter, a page deep in the period, a filter nothing matches. */
function callSearches(prisma: Awaited<ReturnType<typeof createDatabase>>["prisma"], period: { from: string; to: string }, cursor: string): Array<[string, () => Promise<unknown>]> {
  const search = (name: string, input: Record<string, unknown>): [string, () => Promise<unknown>] => [
    `calls: ${name}`,
    () => searchCalls(prisma, ZSearchCallsInput.parse({ environment: "production", ...period, ...input }), false),
  ];
  return [
    search("newest 50, 30 days", {}),
    search("one flow, newest 50", { flowName: "vip" }),
    search("one version, newest 50", { versionId: VERSIONS[3] }),
    search("one outcome (1 in 12 calls)", { outcome: "rejected" }),
    search("flow + version + outcome", { flowName: "billing", versionId: VERSIONS[5], outcome: "voicemail" }),
    search("one caller's number", { callerNumber: "+447700900123" }),
    search("page half-way down (keyset)", { cursor }),
    search("outcome nobody had (scans the period)", { outcome: "error" }),
    search("flow nobody called (index)", { flowName: "nobody" }),
  ];
}

async function main(): Promise<void> {
  if (process.env.BENCH_QUERIES_ONLY !== "1") {
    const admin = await createDatabase({ url: URL, migrate: false });
    await admin.sql.exec(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await admin.close();
  }
  const db = await createDatabase({ url: URL, schema: SCHEMA });
  try {
    if (process.env.BENCH_QUERIES_ONLY !== "1") await generate(db);
    const [counts] = await db.sql.query<{ calls: string; visits: string; call_rollups: string; node_rollups: string; callbacks: string }>(
      `SELECT (SELECT count(*) FROM call_records) AS calls, (SELECT count(*) FROM node_visits) AS visits, (SELECT count(*) FROM call_rollups_hourly) AS call_rollups,
              (SELECT count(*) FROM node_rollups_hourly) AS node_rollups, (SELECT count(*) FROM callbacks) AS callbacks`,
    );
    console.log(`rows: ${JSON.stringify(counts)}`);

    const day = 86_400_000;
    const iso = (t: number) => new Date(t).toISOString();
    const month = { from: iso(START), to: iso(END) };
    const before = { from: iso(START - (END - START)), to: iso(START) };
    const week = { from: iso(END - 7 * day), to: iso(END) };
    const oneDay = { from: iso(END - day), to: iso(END) };
    const all = { environment: "production" as const };
    const flow = { ...all, flowName: "support" };
    const prisma = db.prisma;
    const kpis = async (filter: typeof all & Record<string, string>, period: typeof month, compare?: typeof month) => {
      const figures = async (p: typeof month) => computeKpis((await rollupTotals(prisma, filter, p)).get("") ?? emptyTotals(), 20);
      return Promise.all([figures(period), compare ? figures(compare) : null]);
    };
    const queries: Array<[string, () => Promise<unknown>]> = [
      ["kpis: all calls, 30 days + the 30 before", () => kpis(all, month, before)],
      ["kpis: one flow, 30 days + the 30 before", () => kpis(flow, month, before)],
      ["kpis: one number, 7 days + the 7 before", () => kpis({ ...all, address: "+15550103" }, week, { from: iso(END - 14 * day), to: week.from })],
      ["kpis: one queue, 30 days", () => kpis({ ...all, queue: "q1@default" }, month)],
      ["series: per day, 30 days, Asia/Shanghai", () => series(prisma, all, month, "day", "Asia/Shanghai")],
      ["series: per hour, 1 day, one flow", () => series(prisma, flow, oneDay, "hour", "UTC")],
      ["breakdown: per flow, 30 days", () => rollupTotals(prisma, all, month, "flow_name")],
      ["breakdown: per number, 30 days", () => rollupTotals(prisma, all, month, "address")],
      ["breakdown: per queue, 30 days", () => rollupTotals(prisma, all, month, "queue")],
      ["breakdown: per version of a flow, 30 days", () => rollupTotals(prisma, flow, month, "version_id")],
      ["dimensions: 30 days", () => dimensions(prisma, "production", month)],
      ["node drop-off: flow + version, 30 days", () => nodeDropOff(prisma, { environment: "production", flowName: "support", versionId: VERSIONS[2], period: month })],
      ["node drop-off: flow, all versions, 30 days", () => nodeDropOff(prisma, { environment: "production", flowName: "support", period: month })],
      ["versions with calls: flow, 30 days", () => versionsWithCalls(prisma, "production", "support", month)],
      ...callSearches(prisma, month, await middleCursor(db, month)),
      ["calls: one call's trace", async () => loadTrace(prisma, "bench-123456")],
    ];
    console.log(`\nquery times over ${Number(counts?.calls).toLocaleString("en")} calls / ${Number(counts?.visits).toLocaleString("en")} visits (5 runs after a warm-up; goal ≤ 500 ms):`);
    let worst = 0;
    for (const [name, run] of queries) {
      await run();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await run();
        times.push(ms(t));
      }
      times.sort((a, b) => a - b);
      worst = Math.max(worst, times.at(-1) ?? 0);
      console.log(`  ${name.padEnd(48)} median ${times[2]!.toFixed(1).padStart(7)} ms   max ${times.at(-1)!.toFixed(1).padStart(7)} ms${(times.at(-1) ?? 0) > 500 ? "   OVER GOAL" : ""}`);
    }
    console.log(`slowest run of any query: ${worst.toFixed(1)} ms (goal 500 ms)`);
  } finally {
    await db.close();
    if (process.env.BENCH_KEEP !== "1") {
      const admin = await createDatabase({ url: URL, migrate: false });
      await admin.sql.exec(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await admin.close();
    }
  }
}

await main();
