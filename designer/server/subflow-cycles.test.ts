import type { FlowDocument } from "@switchboard/flows";
import { beforeEach, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

/** `name` greets, calls each of `callees` as a sub-flow in turn, then returns "done" (or hangs up if it is a main flow). */
function callsFlows(name: string, callees: string[]): FlowDocument {
  const base = greetingFlow(name);
  const calls = callees.map((callee, i) => ({
    id: `call${i}`,
    type: "subflow",
    position: { x: 0, y: 100 * (i + 1) },
    data: { flow: callee, outcomes: ["done"] },
  }));
  const ids = ["start", ...calls.map((c) => c.id), "back"];
  const edges = [];
  for (let i = 0; i + 1 < ids.length; i++) {
    edges.push({ id: `e${i}`, source: ids[i]!, sourceOutlet: i === 0 ? "next" : "done", target: ids[i + 1]! });
    if (i > 0) edges.push({ id: `f${i}`, source: ids[i]!, sourceOutlet: "failed", target: "back" });
  }
  return {
    ...base,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { answer: true } },
      ...calls,
      { id: "back", type: "return", position: { x: 0, y: 1000 }, data: { outcome: "done" } },
    ],
    edges,
  } as FlowDocument;
}

describeOnEachDatabase("sub-flow cycles", (h) => {
  let admin: ApiClient;
  beforeEach(async () => {
    admin = await h.sessionFor("admin");
  });

  async function saveDraft(name: string, document: FlowDocument): Promise<string> {
    const existing = (await admin.flows.list.query({})).find((f: { name: string }) => f.name === name) as { id: string } | undefined;
    const flowId = existing?.id ?? (await admin.flows.create.mutate({ name })).id;
    const current = await admin.flows.get.query({ flowId });
    await admin.flows.saveDraft.mutate({ flowId, baseRevision: current.draftRevision, document });
    return flowId;
  }

  async function publish(name: string, document: FlowDocument) {
    const flowId = await saveDraft(name, document);
    return admin.flows.publish.mutate({ flowId });
  }

  it("refuses to publish a version that closes a cycle among live versions, naming it; validate says the same", async () => {
    await publish("billing", callsFlows("billing", []));
    await publish("main-menu", callsFlows("main-menu", ["billing"]));

    // billing is edited to call main-menu, which calls billing.
    const billingId = await saveDraft("billing", callsFlows("billing", ["main-menu"]));
    const validation = await admin.flows.validate.mutate({ flowId: billingId });
    expect(validation.ok).toBe(false);
    expect(validation.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "SB301",
        severity: "error",
        message: "sub-flows call each other in a cycle: billing → main-menu → billing",
        hint: expect.stringContaining("Break the cycle billing → main-menu → billing"),
      }),
    );

    const refused = await failure(admin.flows.publish.mutate({ flowId: billingId }));
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe(
      'Publishing "billing" would close a cycle of sub-flow calls: billing → main-menu → billing. ' +
        "A call into it would never end; remove the Sub-flow node that closes it before publishing",
    );
    expect(refused.data?.diagnostics).toEqual([expect.objectContaining({ code: "SB301", message: expect.stringContaining("billing → main-menu → billing") })]);
    // The refusal carries what the client needs to say it in its own language.
    expect(refused.data?.diagnostics?.[0]).toMatchObject({ messageId: "SB301.cycle", hintId: "SB301.cycleHint", params: { cycle: "billing → main-menu → billing" } });
    const versions = await admin.flows.listVersions.query({ flowId: billingId });
    expect(versions.map((v: { number: number }) => v.number)).toEqual([1]);
  });

  it("names a longer cycle through live versions, and publishes calls that form no cycle", async () => {
    await publish("payments", callsFlows("payments", []));
    await publish("billing", callsFlows("billing", ["payments"]));
    await publish("main-menu", callsFlows("main-menu", ["billing", "payments"]));
    // Calling a flow twice along different paths is no cycle.
    await publish("opening-hours", callsFlows("opening-hours", ["main-menu", "payments"]));

    const paymentsId = await saveDraft("payments", callsFlows("payments", ["main-menu"]));
    const refused = await failure(admin.flows.publish.mutate({ flowId: paymentsId }));
    expect(refused.message).toContain("payments → main-menu → payments");
  });

  it("checks the versions staging runs too, not only production's", async () => {
    await publish("billing", callsFlows("billing", []));
    await publish("main-menu", callsFlows("main-menu", ["billing"])); // v1 calls billing
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "staging", flowName: "main-menu", versionNumber: 1 });
    await publish("main-menu", callsFlows("main-menu", [])); // v2 calls nothing
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "main-menu", versionNumber: 2 });

    // In production billing → main-menu v2 ends there; in staging main-menu v1 calls billing again.
    const billingId = await saveDraft("billing", callsFlows("billing", ["main-menu"]));
    const refused = await failure(admin.flows.publish.mutate({ flowId: billingId }));
    expect(refused.message).toContain("billing → main-menu → billing");
  });

  it("refuses a flow that calls itself with the compiler's SB303", async () => {
    const loopId = await saveDraft("loop", callsFlows("loop", ["loop"]));
    const refused = await failure(admin.flows.publish.mutate({ flowId: loopId }));
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(refused.data?.diagnostics).toContainEqual(
      expect.objectContaining({ code: "SB303", nodeId: "call0", message: 'sub-flow node call0 calls its own flow "loop" (loop → loop)' }),
    );
  });
});
