import { postgresDeploymentEvents, type OverrideChanged } from "@switchboard/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startScheduler } from "./scheduling/scheduler.js";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure, openApiHarness, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

async function bound(h: ApiHarness) {
  const admin = await h.sessionFor("admin");
  const flow = await admin.flows.create.mutate({ name: "welcome" });
  await admin.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document: greetingFlow("welcome") });
  await admin.flows.publish.mutate({ flowId: flow.id });
  await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "welcome" });
  await admin.deployments.bind.mutate({ address: "+15550101", environment: "production", flowName: "welcome" });
  return { admin, publisher: await h.sessionFor("publisher") };
}

describeOnEachDatabase("incident overrides", (h) => {
  it("switches on per binding and for every binding, one at a time per scope, audited with who, when and why", async () => {
    const { admin, publisher } = await bound(h);
    const heard: OverrideChanged[] = [];
    const unsubscribe = h.services.deploymentEvents.subscribeOverrides((event) => heard.push(event));
    const one = await publisher.incidents.switchOn.mutate({ environment: "production", address: "+15550100", mode: "emergency", reason: "flooded office" });
    const all = await publisher.incidents.switchOn.mutate({
      environment: "production",
      mode: "announce",
      announcement: { en: { text: "If you are calling about today's outage, press 5." }, zh: { text: "如果您是因为今天的故障来电，请按5。" } },
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      reason: "network outage",
    });
    const again = await failure(publisher.incidents.switchOn.mutate({ environment: "production", address: "+15550100", mode: "announce", announcement: { en: { text: "x" } }, reason: "again" }));
    expect(again.data?.code).toBe("CONFLICT");
    expect(again.message).toMatch(/^An incident override is already on for \+15550100 \(production\) \(emergency, since .* by Publisher: flooded office\); switch it off first$/);
    const list = await (await h.sessionFor("tester")).incidents.list.query({ environment: "production" });
    expect(list.active.map((i) => [i.address, i.mode, i.reason, i.startedBy?.email])).toEqual([
      [null, "announce", "network outage", "publisher@example.com"],
      ["+15550100", "emergency", "flooded office", "publisher@example.com"],
    ]);
    await vi.waitFor(() => expect(heard.map((e) => e.address)).toEqual(["+15550100", null]));

    await admin.incidents.switchOff.mutate({ id: one.id, reason: "water gone" });
    const offAgain = await failure(admin.incidents.switchOff.mutate({ id: one.id }));
    expect(offAgain.message).toMatch(/^That incident override is already off/);
    const after = await admin.incidents.list.query({});
    expect(after.active.map((i) => i.id)).toEqual([all.id]);
    expect(after.recent[0]).toMatchObject({ id: one.id, endedReason: "water gone", endedBy: { email: "admin@example.com" } });
    const audit = await admin.audit.list.query({});
    expect(audit.filter((a) => a.action.startsWith("incident.")).map((a) => a.action).sort()).toEqual(["incident.switch_off", "incident.switch_on", "incident.switch_on"]);
    unsubscribe();
  });

  it("refuses an announcement without words, an end time in the past, and an unbound number, saying which", async () => {
    const { publisher } = await bound(h);
    const empty = await failure(publisher.incidents.switchOn.mutate({ environment: "production", mode: "announce", announcement: { en: { text: "  " } }, reason: "x" }));
    expect(JSON.stringify(empty.data?.inputIssues)).toContain("an announcement needs a text or an audio file in at least one language");
    const past = await failure(publisher.incidents.switchOn.mutate({ environment: "production", mode: "emergency", endsAt: "2020-01-01T00:00:00Z", reason: "x" }));
    expect(past.message).toBe("The end time 2020-01-01T00:00:00.000Z is in the past; choose a later one or none");
    const unbound = await failure(publisher.incidents.switchOn.mutate({ environment: "staging", address: "+15550100", mode: "emergency", reason: "x" }));
    expect(unbound.message).toBe("+15550100 is not bound in staging");
    const noReason = await failure(publisher.incidents.switchOn.mutate({ environment: "production", mode: "emergency", reason: " " }));
    expect(JSON.stringify(noReason.data?.inputIssues)).toContain("say why");
  });

  it("switches itself off at its end time: it stops applying at once and the sweep records it", async () => {
    const { publisher } = await bound(h);
    await publisher.incidents.switchOn.mutate({ environment: "production", mode: "emergency", endsAt: new Date(Date.now() + 60_000).toISOString(), reason: "maintenance" });
    h.clock.offsetMs = 61_000;
    expect((await publisher.incidents.list.query({})).active).toEqual([]);
    const scheduler = startScheduler(h.services, { log: () => undefined, sweepEveryMs: 3_600_000 });
    try {
      await scheduler.sweep();
      const [row] = await h.db.prisma.incidentOverride.findMany();
      expect(row).toMatchObject({ endedReason: "end time reached" });
      expect((await (await h.sessionFor("admin")).audit.list.query({})).map((a) => a.action)).toContain("incident.expired");
      // a new one may be switched on for the same scope
      await publisher.incidents.switchOn.mutate({ environment: "production", mode: "emergency", reason: "again" });
    } finally {
      await scheduler.stop();
    }
  });
});

describe("override notices on PostgreSQL", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness("postgres");
    await h.reset();
  });
  afterAll(() => h?.close());

  it("reach other processes, and a process whose listening connection is cut listens again and says so", async () => {
    const { publisher } = await bound(h);
    const other = await postgresDeploymentEvents(h.db.pgConfig!, h.db.schema, { reconnectMs: 50 });
    const heard: OverrideChanged[] = [];
    let reconnects = 0;
    other.subscribeOverrides((event) => heard.push(event));
    other.onReconnect(() => reconnects++);
    try {
      await publisher.incidents.switchOn.mutate({ environment: "production", address: "+15550101", mode: "emergency", reason: "x" });
      await vi.waitFor(() => expect(heard.map((e) => e.address)).toEqual(["+15550101"]));
      // Cut every LISTEN connection of this schema's channel (a database restart looks the same to the bus).
      await h.db.sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN "switchboard_deployment_changed_${h.db.schema}"%' AND pid <> pg_backend_pid()`);
      await vi.waitFor(() => expect(reconnects).toBeGreaterThan(0), { timeout: 10_000 });
      await publisher.incidents.switchOn.mutate({ environment: "production", mode: "emergency", reason: "y" });
      await vi.waitFor(() => expect(heard.map((e) => e.address)).toContain(null));
    } finally {
      await other.close();
    }
  });
});
