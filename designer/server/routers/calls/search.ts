import type { PrismaClient } from "@switchboard/db";
import type { SearchCallsInput } from "./inputs.js";
import { maskCallerNumber } from "./mask.js";

type Db = Pick<PrismaClient, "$queryRawUnsafe">;

/** One call in the search results. */
export interface CallSummaryRow {
  callId: string;
  environment: string;
  address: string;
  flowName: string | null;
  versionId: string | null;
  versionNumber: number | null;
  /** Masked below admin. */
  callerNumber: string;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
  queueName: string | null;
  queueWaitMs: number | null;
  talkMs: number | null;
}

export interface CallSearchPage {
  calls: CallSummaryRow[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface Row {
  id: string;
  call_id: string;
  environment: string;
  address: string;
  flow_name: string | null;
  version_id: string | null;
  version_number: number | null;
  caller_number: string;
  started_at: Date;
  ended_at: Date | null;
  outcome: string | null;
  queue_name: string | null;
  queue_wait_ms: number | null;
  talk_ms: number | null;
}

/** Spaces, dots, dashes and brackets are how people write numbers, not part of them. */
export const compactNumber = (number: string) => number.replace(/[\s().-]/g, "");

/**
 * Calls newest first, filtered, one page at a time by keyset (`started_at`, `id` below the cursor): every page
 * costs the same however deep, and no count of a million rows is made. The indexes on `started_at`,
 * (`flow_name`, `started_at`), (`version_id`, `started_at`) and (`caller_number`, …) serve the filters.
 */
export async function searchCalls(db: Db, input: SearchCallsInput, unmasked: boolean): Promise<CallSearchPage> {
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    let text = sql;
    for (const value of values) {
      params.push(value);
      text = text.replace("?", `$${params.length}`);
    }
    clauses.push(text);
  };
  add(`c.environment = ?::"Environment"`, input.environment);
  add(`c.started_at >= ?::timestamptz`, input.from);
  add(`c.started_at < ?::timestamptz`, input.to);
  if (input.flowName !== undefined) add(`c.flow_name = ?`, input.flowName);
  if (input.versionId !== undefined) add(`c.version_id = ?::uuid`, input.versionId);
  if (input.outcome !== undefined) add(`c.outcome = ?`, input.outcome);
  if (input.callerNumber !== undefined) add(`c.caller_number = ?`, compactNumber(input.callerNumber));
  if (input.cursor !== undefined) {
    const [at, id] = input.cursor.split("|");
    add(`(c.started_at, c.id) < (?::timestamptz, ?::uuid)`, at, id);
  }
  params.push(input.pageSize + 1);
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT c.id, c.call_id, c.environment::text AS environment, c.address, c.flow_name, c.version_id::text AS version_id, v.number AS version_number,
            c.caller_number, c.started_at, c.ended_at, c.outcome, c.queue_name, c.queue_wait_ms, c.talk_ms
       FROM call_records c LEFT JOIN flow_versions v ON v.id = c.version_id
      WHERE ${clauses.join(" AND ")}
      ORDER BY c.started_at DESC, c.id DESC
      LIMIT $${params.length}`,
    ...params,
  );
  const page = rows.slice(0, input.pageSize);
  const last = page[page.length - 1];
  return {
    calls: page.map((row) => ({
      callId: row.call_id,
      environment: row.environment,
      address: row.address,
      flowName: row.flow_name,
      versionId: row.version_id,
      versionNumber: row.version_number,
      callerNumber: unmasked ? row.caller_number : maskCallerNumber(row.caller_number),
      startedAt: row.started_at.toISOString(),
      endedAt: row.ended_at?.toISOString() ?? null,
      outcome: row.outcome,
      queueName: row.queue_name,
      queueWaitMs: row.queue_wait_ms,
      talkMs: row.talk_ms,
    })),
    nextCursor: rows.length > input.pageSize && last ? `${last.started_at.toISOString()}|${last.id}` : null,
  };
}
