import { LIVE_SNAPSHOT_VERSION, publishLiveSnapshot, type LiveSnapshot } from "@switchboard/runtime/live";
import { expect, it, vi } from "vitest";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

function snapshot(instance: string, overrides: Partial<LiveSnapshot>): LiveSnapshot {
  return { version: LIVE_SNAPSHOT_VERSION, instance, environment: "production", switchId: "fs-1", activeCalls: 0, flows: [], nodes: [], queues: [], queueError: null, ...overrides };
}

const support = (callersWaiting: number, longestWaitSeconds: number, agentsAvailable: number) => ({ queue: "support@default", callersWaiting, longestWaitSeconds, agentsAvailable, agentsLoggedIn: 3 });

describeOnEachDatabase("the live view", (h) => {
  it("merges what two running runtimes published into one view, leaves out one that stopped, and adds the callbacks waiting", async () => {
    // A runtime that published once and then died: its row stays until pruned, but expires after its 200 ms.
    await publishLiveSnapshot(h.db, snapshot("rt-dead", { activeCalls: 9, flows: [{ environment: "production", address: "+15550100", flowName: "support", calls: 9 }] }), 200);
    await publishLiveSnapshot(
      h.db,
      snapshot("rt-a", {
        activeCalls: 2,
        flows: [{ environment: "production", address: "+15550100", flowName: "support", calls: 2 }],
        nodes: [{ environment: "production", flowName: "support", nodeId: "queue", nodeType: "queue", calls: 2 }],
        queues: [support(2, 75, 0)],
      }),
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await publishLiveSnapshot(
      h.db,
      snapshot("rt-b", {
        activeCalls: 1,
        flows: [{ environment: "production", address: "+15550111", flowName: "sales", calls: 1 }],
        nodes: [{ environment: "production", flowName: "sales", nodeId: "menu", nodeType: "menu", calls: 1 }],
        // The same switch read a moment later (published after rt-a's): an agent came free, the wait went on.
        queues: [support(2, 76, 1)],
      }),
      60_000,
    );
    await publishLiveSnapshot(h.db, snapshot("rt-staging", { environment: "staging", flows: [{ environment: "staging", address: "+15550100", flowName: "support", calls: 4 }] }), 60_000);
    for (const [number, status] of [["+447700900001", "pending"], ["+447700900002", "pending"], ["+447700900003", "completed"]] as const) {
      await h.db.prisma.callback.create({ data: { number, queue: "support@default", switchGroup: "default", originalWaitSeconds: 30, status, nextAttemptAt: new Date(), requestedAt: new Date() } });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    const api = await h.sessionFor("tester");
    const view = await api.analytics.live.query({ environment: "production" });
    expect(view.totals).toMatchObject({ callsInFlows: 3, callersWaiting: 2, callbacksPending: 2 });
    expect(view.totals.longestWaitSeconds).toBeGreaterThanOrEqual(76);
    expect(view.flows).toEqual([
      { environment: "production", address: "+15550100", flowName: "support", calls: 2 },
      { environment: "production", address: "+15550111", flowName: "sales", calls: 1 },
    ]);
    expect(view.nodes.map((n) => [n.flowName, n.nodeId, n.calls])).toEqual([
      ["support", "queue", 2],
      ["sales", "menu", 1],
    ]);
    // Both runtimes share switch fs-1: its queue is counted once, as the fresher reading has it.
    expect(view.queues).toMatchObject([{ queue: "support@default", callersWaiting: 2, agentsAvailable: 1, agentsLoggedIn: 3, callbacksPending: 2 }]);
    expect(view.runtimes.map((r) => r.instance)).toEqual(["rt-a", "rt-b"]);
    expect(view.skipped).toEqual({ stale: 1, unreadable: 0 });

    const staging = await api.analytics.live.query({ environment: "staging" });
    expect(staging.totals.callsInFlows).toBe(4);
    expect(staging.runtimes.map((r) => r.instance)).toEqual(["rt-staging"]);
  });

  it("is empty, not an error, when no runtime is publishing; refused to someone signed out and for an unknown environment", async () => {
    const api = await h.sessionFor("editor");
    const view = await api.analytics.live.query({ environment: "production" });
    expect(view).toMatchObject({ totals: { callsInFlows: 0, callersWaiting: 0, longestWaitSeconds: 0, callbacksPending: 0 }, flows: [], queues: [], runtimes: [] });
    expect((await failure(h.anonymous().analytics.live.query({ environment: "production" }))).data?.code).toBe("UNAUTHORIZED");
    const bad = await failure(api.analytics.live.query({ environment: "testing" as "production" }));
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("environment");
  });
});
