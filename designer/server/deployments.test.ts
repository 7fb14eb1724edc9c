import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { postgresDeploymentEvents, type DeploymentChanged } from "@switchboard/db";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure, openApiHarness, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("deployments API", (h) => {
  let admin: ApiClient;
  let publisher: ApiClient;
  let flowId: string;

  /** Flow "welcome" with versions 1..3 published. */
  beforeEach(async () => {
    admin = await h.sessionFor("admin");
    publisher = await h.sessionFor("publisher");
    const flow = await admin.flows.create.mutate({ name: "welcome" });
    flowId = flow.id;
    let revision = flow.draftRevision;
    for (const greeting of ["one", "two", "three"]) {
      ({ draftRevision: revision } = await admin.flows.saveDraft.mutate({ flowId, baseRevision: revision, document: greetingFlow("welcome", greeting) }));
      await publisher.flows.publish.mutate({ flowId, message: greeting });
    }
  });

  const live = async (environment: "staging" | "production") =>
    (await admin.deployments.list.query({ environment })).map((b) => `${b.address} ${b.flowName} v${b.versionNumber}`);

  it("binds a number to a flow's latest version by default, per environment", async () => {
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "welcome", reason: "launch" });
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "staging", flowName: "welcome", versionNumber: 1 });
    expect(await live("production")).toEqual(["+15550100 welcome v3"]);
    expect(await live("staging")).toEqual(["+15550100 welcome v1"]);
    const bad = await failure(admin.deployments.bind.mutate({ address: "5550100", environment: "staging", flowName: "welcome" }));
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(bad.data?.inputIssues)).toContain("E.164");
  });

  it("activates forward, rolls back to any earlier version without touching versions, and records who, why, from and to", async () => {
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "welcome", versionNumber: 1 });
    await publisher.deployments.activate.mutate({ address: "+15550100", environment: "production", versionNumber: 3, reason: "new greeting" });
    const backwards = await failure(publisher.deployments.activate.mutate({ address: "+15550100", environment: "production", versionNumber: 2 }));
    expect(backwards.message).toBe("Version 2 is older than the live version 3 on +15550100 (production); use rollback");
    const before = await admin.flows.getVersion.query({ flowId, number: 2 });

    await admin.deployments.rollback.mutate({ address: "+15550100", environment: "production", versionNumber: 2, reason: "callers confused" });
    expect(await live("production")).toEqual(["+15550100 welcome v2"]);
    expect(await admin.flows.getVersion.query({ flowId, number: 2 })).toEqual(before);
    const again = await failure(admin.deployments.rollback.mutate({ address: "+15550100", environment: "production", versionNumber: 2, reason: "x" }));
    expect(again.message).toBe("Version 2 is already live on +15550100 (production)");

    const history = await publisher.deployments.history.query({ address: "+15550100" });
    expect(history.map((d) => [d.kind, d.from?.number ?? null, d.to.number, d.actor?.email, d.reason])).toEqual([
      ["rollback", 3, 2, "admin@example.com", "callers confused"],
      ["activate", 1, 3, "publisher@example.com", "new greeting"],
      ["bind", null, 1, "admin@example.com", ""],
    ]);
    const audit = await admin.audit.list.query({});
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["deployment.rollback", "deployment.activate", "deployment.bind", "flow.publish"]),
    );
    expect(audit.filter((a) => a.action === "flow.publish")).toHaveLength(3);
  });

  it("re-binds a number to another flow, keeping the history across flows", async () => {
    const other = await admin.flows.create.mutate({ name: "holiday" });
    await admin.flows.saveDraft.mutate({ flowId: other.id, baseRevision: 1, document: greetingFlow("holiday", "We are closed") });
    await publisher.flows.publish.mutate({ flowId: other.id });
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "welcome" });
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "holiday", reason: "Christmas" });
    expect(await live("production")).toEqual(["+15550100 holiday v1"]);
    const [latest] = await admin.deployments.history.query({ address: "+15550100", environment: "production" });
    expect(latest).toMatchObject({ kind: "bind", from: { flowName: "welcome", number: 3 }, to: { flowName: "holiday", number: 1 }, reason: "Christmas" });
    const wrongFlow = await failure(publisher.deployments.activate.mutate({ address: "+15550100", environment: "production", versionNumber: 3 }));
    expect(wrongFlow.message).toBe('Flow "holiday" has no version 3');
  });

  it("refuses to activate an unbound number or a version that does not exist", async () => {
    const unbound = await failure(publisher.deployments.activate.mutate({ address: "+15550999", environment: "staging", versionNumber: 1 }));
    expect(unbound.message).toBe("+15550999 is not bound in staging; an admin binds numbers to flows");
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "staging", flowName: "welcome", versionNumber: 1 });
    const missing = await failure(publisher.deployments.activate.mutate({ address: "+15550100", environment: "staging", versionNumber: 9 }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(await live("staging")).toEqual(["+15550100 welcome v1"]);
  });

  it("announces every committed change to subscribers, and nothing for a refused one", async () => {
    const heard: DeploymentChanged[] = [];
    const unsubscribe = h.services.deploymentEvents.subscribe((event) => heard.push(event));
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "staging", flowName: "welcome", versionNumber: 1 });
    await publisher.deployments.activate.mutate({ address: "+15550100", environment: "staging", versionNumber: 2 });
    await failure(publisher.deployments.activate.mutate({ address: "+15550100", environment: "staging", versionNumber: 1 }));
    await vi.waitFor(() => expect(heard).toHaveLength(2));
    unsubscribe();
    expect(heard.map((e) => [e.kind, e.address, e.environment, e.flowName, e.versionNumber])).toEqual([
      ["bind", "+15550100", "staging", "welcome", 1],
      ["activate", "+15550100", "staging", "welcome", 2],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toHaveLength(2);
  });
});

// Server mode only: several Switchboard processes share one PostgreSQL database.
describe("deployment events on PostgreSQL", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness("postgres");
    await h.reset();
  });
  afterAll(() => h?.close());

  it("reach other processes through LISTEN/NOTIFY", async () => {
    const admin = await h.sessionFor("admin");
    const flow = await admin.flows.create.mutate({ name: "welcome" });
    await admin.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: 1, document: greetingFlow("welcome") });
    await admin.flows.publish.mutate({ flowId: flow.id });
    const otherProcess = await postgresDeploymentEvents(h.db.pgConfig!, h.db.schema);
    const heard: DeploymentChanged[] = [];
    otherProcess.subscribe((event) => heard.push(event));
    try {
      await admin.deployments.bind.mutate({ address: "sip:support", environment: "production", flowName: "welcome" });
      await vi.waitFor(() => expect(heard.map((e) => `${e.address} v${e.versionNumber}`)).toEqual(["sip:support v1"]));
    } finally {
      await otherProcess.close();
    }
  });
});
