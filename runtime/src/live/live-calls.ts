import type { CallAnalytics } from '../services/contracts.js';
import type { LiveFlowCalls, LiveNodeCalls } from './live-snapshot.js';
import { wrapAnalytics } from '../services/analytics/forward-analytics.js';

interface CallInProgress {
  environment: string;
  address: string;
  flowName: string | null;
  /** The last node entered (null before the first), of the flow or sub-flow it belongs to. */
  node: { flowName: string; nodeId: string; nodeType: string } | null;
}

/**
 * The calls this runtime is handling now, by number, flow and current node: fed by the analytics calls the
 * sessions already make (see {@link countingLiveCalls}), so the call path gains one map update per event and
 * nothing is written per call. Counted on demand when a snapshot is built.
 */
export class LiveCalls {
  private readonly calls = new Map<string, CallInProgress>();

  get size(): number {
    return this.calls.size;
  }

  started(call: { callId: string; environment: string; address: string; flowName: string | null }): void {
    this.calls.set(call.callId, { environment: call.environment, address: call.address, flowName: call.flowName, node: null });
  }

  visited(visit: { callId: string; flowName: string; nodeId: string; nodeType: string }): void {
    const call = this.calls.get(visit.callId);
    if (call) call.node = { flowName: visit.flowName, nodeId: visit.nodeId, nodeType: visit.nodeType };
  }

  ended(callId: string): void {
    this.calls.delete(callId);
  }

  /** Calls per number and flow, and per node they are at now. */
  counts(): { flows: LiveFlowCalls[]; nodes: LiveNodeCalls[] } {
    const flows = new Map<string, LiveFlowCalls>();
    const nodes = new Map<string, LiveNodeCalls>();
    for (const call of this.calls.values()) {
      const flowKey = `${call.environment}\u0000${call.address}\u0000${call.flowName ?? ''}`;
      const flow = flows.get(flowKey);
      if (flow) flow.calls += 1;
      else flows.set(flowKey, { environment: call.environment, address: call.address, flowName: call.flowName, calls: 1 });
      if (!call.node) continue;
      const nodeKey = `${call.environment}\u0000${call.node.flowName}\u0000${call.node.nodeId}`;
      const node = nodes.get(nodeKey);
      if (node) node.calls += 1;
      else nodes.set(nodeKey, { environment: call.environment, ...call.node, calls: 1 });
    }
    return { flows: [...flows.values()], nodes: [...nodes.values()] };
  }
}

/** `analytics` that also keeps `live` up to date (the call sessions are not touched). */
export function countingLiveCalls(analytics: CallAnalytics, live: LiveCalls): CallAnalytics {
  return wrapAnalytics(analytics, {
    callStarted(call) {
      live.started(call);
      analytics.callStarted(call);
    },
    nodeVisited(visit) {
      live.visited(visit);
      analytics.nodeVisited(visit);
    },
    callEnded(end) {
      live.ended(end.callId);
      analytics.callEnded(end);
    },
  });
}
