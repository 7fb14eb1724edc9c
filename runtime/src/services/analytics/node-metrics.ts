import type { Database } from '@switchboard/db';

/** Which calls to count. */
export interface NodeMetricsQuery {
  flowName: string;
  /** Only calls that ran this published version. */
  versionId?: string;
  /** Calls started in [from, to). */
  from: Date;
  to: Date;
}

/** Per-node figures the designer can show on the canvas. */
export interface NodeMetrics {
  nodeId: string;
  nodeType: string;
  /** Times the node was entered (a menu repeated counts each time). */
  visits: number;
  /** Calls that entered the node at least once. */
  calls: number;
  /** Calls whose last node this was, by outcome (`callerHungUp` here = "hung up at this node"). */
  endedHere: Record<string, number>;
  /** Share of the calls through this node that ended self-served (self-service containment), 0–1. */
  containment: number;
  /** Mean seconds from entering the node to the next node (or the end of the call). */
  averageSecondsInNode: number | null;
  /** Queue nodes: share of the calls that waited here and were abandoned here, 0–1. */
  abandonment: number | null;
  /**
   * Queue nodes: mean seconds callers waited before leaving the queue unanswered (abandoned, overflow, callback).
   * Answered calls are left out because the time at a queue node includes the agent conversation (the interpreter
   * hears `queueExit{answered}` when the agent call ends).
   */
  averageWaitSecondsUnanswered: number | null;
}

interface Row {
  node_id: string;
  node_type: string;
  visits: string | number;
  calls: string | number;
  self_served_calls: string | number;
  avg_seconds: string | number | null;
  avg_wait_unanswered: string | number | null;
  ended: Record<string, number> | string | null;
}

const num = (value: string | number | null) => (value === null ? null : Number(value));

/** Per-node volume, time, abandonment and containment for one flow (and optionally one version) over a period. */
export async function nodeMetrics(db: Pick<Database, 'sql'>, query: NodeMetricsQuery): Promise<NodeMetrics[]> {
  const rows = await db.sql.query<Row>(
    `WITH v AS (
       SELECT nv.call_record_id, nv.node_id, nv.node_type, nv.entered_at, c.outcome,
              COALESCE(LEAD(nv.entered_at) OVER w, c.ended_at) AS left_at,
              ROW_NUMBER() OVER (PARTITION BY nv.call_record_id ORDER BY nv.sequence DESC) AS from_end
         FROM node_visits nv JOIN call_records c ON c.id = nv.call_record_id
        WHERE c.flow_name = $1 AND c.started_at >= $2 AND c.started_at < $3 AND ($4::uuid IS NULL OR c.version_id = $4::uuid)
       WINDOW w AS (PARTITION BY nv.call_record_id ORDER BY nv.sequence)
     ),
     ended AS (
       SELECT node_id, node_type, jsonb_object_agg(outcome, n) AS ended
         FROM (SELECT node_id, node_type, COALESCE(outcome, 'inProgress') AS outcome, count(*) AS n FROM v WHERE from_end = 1 GROUP BY 1, 2, 3) x
        GROUP BY 1, 2
     )
     SELECT v.node_id, v.node_type, count(*) AS visits, count(DISTINCT v.call_record_id) AS calls,
            count(DISTINCT v.call_record_id) FILTER (WHERE v.outcome = 'selfServed') AS self_served_calls,
            avg(EXTRACT(EPOCH FROM (v.left_at - v.entered_at))) AS avg_seconds,
            avg(EXTRACT(EPOCH FROM (v.left_at - v.entered_at))) FILTER (WHERE v.node_type = 'queue' AND v.outcome IS DISTINCT FROM 'answeredFromQueue') AS avg_wait_unanswered,
            e.ended
       FROM v LEFT JOIN ended e ON e.node_id = v.node_id AND e.node_type = v.node_type
      GROUP BY v.node_id, v.node_type, e.ended
      ORDER BY visits DESC, v.node_id`,
    [query.flowName, query.from.toISOString(), query.to.toISOString(), query.versionId ?? null],
  );
  return rows.map((row) => {
    const calls = Number(row.calls);
    const endedHere = typeof row.ended === 'string' ? (JSON.parse(row.ended) as Record<string, number>) : (row.ended ?? {});
    const ended = Object.fromEntries(Object.entries(endedHere).map(([k, v]) => [k, Number(v)]));
    const isQueue = row.node_type === 'queue';
    return {
      nodeId: row.node_id,
      nodeType: row.node_type,
      visits: Number(row.visits),
      calls,
      endedHere: ended,
      containment: calls === 0 ? 0 : Number(row.self_served_calls) / calls,
      averageSecondsInNode: num(row.avg_seconds),
      abandonment: isQueue ? (calls === 0 ? 0 : (ended.abandonedInQueue ?? 0) / calls) : null,
      averageWaitSecondsUnanswered: isQueue ? num(row.avg_wait_unanswered) : null,
    };
  });
}
