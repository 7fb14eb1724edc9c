import { createDatabase } from "@switchboard/db";
import { testPostgresUrl } from "@switchboard/db/testing";
import { instantOfLocalTime } from "@switchboard/flows";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { startScheduler, type Scheduler } from "./scheduling/scheduler.js";
import { createApiServices } from "./services.js";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure, openApiHarness, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const LONDON = "Europe/London";
const at = (local: string, zone = LONDON) => {
  const result = instantOfLocalTime(local, zone);
  if (!result.ok) throw new Error(result.message);
  return result.at;
};

/** main v1, v2 (v2 live on +15550100 in production) and holiday v1. */
async function world(h: ApiHarness) {
  const admin = await h.sessionFor("admin");
  const publisher = await h.sessionFor("publisher");
  for (const [name, greetings] of [["main", ["Welcome", "Welcome back"]], ["holiday", ["We are closed for the holidays"]]] as const) {
    const flow = await admin.flows.create.mutate({ name });
    let revision = flow.draftRevision;
    for (const greeting of greetings) {
      ({ draftRevision: revision } = await admin.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: revision, document: greetingFlow(name, greeting) }));
      await publisher.flows.publish.mutate({ flowId: flow.id });
    }
  }
  await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "main" });
  await publisher.schedules.setTimeZone.mutate({ address: "+15550100", environment: "production", timeZone: LONDON });
  // The tests move the API's clock by months: keep the sessions valid throughout.
  await h.db.prisma.session.updateMany({ data: { expiresAt: new Date("2100-01-01T00:00:00Z") } });
  return { admin, publisher };
}

const live = async (api: ApiClient) => (await api.deployments.list.query({ environment: "production" })).map((b) => `${b.flowName} v${b.versionNumber}`);

/** Sets the API's clock to `epochMs` (plus a little, as a real timer would fire). */
const setClock = (h: ApiHarness, epochMs: number) => (h.clock.offsetMs = epochMs - Date.now());

describeOnEachDatabase("scheduled publishing", (h) => {
  let scheduler: Scheduler | undefined;
  const lines: string[] = [];
  const schedulerFor = () => (scheduler = startScheduler(h.services, { log: (line) => lines.push(line), sweepEveryMs: 3_600_000 }));
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    lines.length = 0;
  });

  it("puts the holiday flow live at its start in the binding's zone and reverts at its end, in the deployment history", async () => {
    const { publisher } = await world(h);
    const created = await publisher.schedules.create.mutate({
      address: "+15550100", environment: "production", flowName: "holiday", versionNumber: 1,
      startsAt: "2027-12-24T00:00", endsAt: "2027-12-27T00:00", reason: "Christmas",
    });
    expect(new Date(created.startsAt).getTime()).toBe(Date.parse("2027-12-24T00:00:00Z"));
    const before = await publisher.schedules.timeline.query({ address: "+15550100", environment: "production" });
    expect(before.timeZone).toBe(LONDON);
    expect(before.segments.map((s) => [s.label, s.fromLocal.slice(0, 10), s.toLocal])).toEqual([
      ["main v2", expect.any(String), "2027-12-24T00:00"],
      ["holiday v1", "2027-12-24", "2027-12-27T00:00"],
      ["main v2", "2027-12-27", null],
    ]);

    setClock(h, at("2027-12-24T00:00") + 300);
    const started = await schedulerFor().sweep();
    expect(started.map((f) => f.what)).toEqual(["activated"]);
    expect(await live(publisher)).toEqual(["holiday v1"]);
    setClock(h, at("2027-12-27T00:00") + 300);
    expect((await scheduler!.sweep()).map((f) => f.what)).toEqual(["reverted"]);
    expect(await live(publisher)).toEqual(["main v2"]);

    const history = await publisher.deployments.history.query({ address: "+15550100", environment: "production" });
    expect(history.slice(0, 2).map((d) => [d.kind, `${d.from?.flowName} v${d.from?.number}`, `${d.to.flowName} v${d.to.number}`, d.actor?.email])).toEqual([
      ["scheduled_revert", "holiday v1", "main v2", "publisher@example.com"],
      ["scheduled_activate", "main v2", "holiday v1", "publisher@example.com"],
    ]);
    expect(history[1]!.reason).toMatch(/^scheduled publish [0-9a-f]{8} by Publisher \(publisher@example.com\): Christmas$/);
    const after = await publisher.schedules.timeline.query({ address: "+15550100", environment: "production" });
    expect(after.schedules[0]).toMatchObject({ status: "completed", finishNote: "reverted to main v2", revertTo: { flowName: "main", number: 2 } });
  });

  it("refuses overlapping schedules naming the other one, an end before the start, a past start, and a time the clocks skip", async () => {
    const { publisher } = await world(h);
    const base = { address: "+15550100", environment: "production" as const, flowName: "holiday", versionNumber: 1 };
    await publisher.schedules.create.mutate({ ...base, startsAt: "2027-12-24T00:00", endsAt: "2027-12-27T00:00" });
    const overlap = await failure(publisher.schedules.create.mutate({ ...base, startsAt: "2027-12-26T12:00", endsAt: "2028-01-02T00:00" }));
    expect(overlap.data?.code).toBe("CONFLICT");
    expect(overlap.message).toBe("Overlaps the schedule of holiday v1 from 2027-12-24T00:00 until 2027-12-27T00:00 (Europe/London); change or cancel that one first");
    const backwards = await failure(publisher.schedules.create.mutate({ ...base, startsAt: "2028-01-05T00:00", endsAt: "2028-01-04T00:00" }));
    expect(backwards.message).toBe("The end 2028-01-04T00:00 is not after the start 2028-01-05T00:00 (Europe/London)");
    const past = await failure(publisher.schedules.create.mutate({ ...base, startsAt: "2020-01-01T00:00" }));
    expect(past.message).toBe("The start 2020-01-01T00:00 (Europe/London) is in the past; choose a later time");
    const gap = await failure(publisher.schedules.create.mutate({ ...base, startsAt: "2028-03-26T01:30" }));
    expect(gap.message).toBe("startsAt: 2028-03-26T01:30 does not exist in Europe/London: the clocks go forward then (try 2028-03-26T02:30)");
    const missing = await failure(publisher.schedules.create.mutate({ ...base, versionNumber: 7, startsAt: "2028-02-01T00:00" }));
    expect(missing.message).toBe('Flow "holiday" has no version 7');
    // back to back is fine
    await publisher.schedules.create.mutate({ ...base, startsAt: "2027-12-27T00:00", endsAt: "2027-12-28T00:00" });
  });

  it("edits a waiting schedule freely, only the end of a live one, and cancels only waiting ones", async () => {
    const { publisher } = await world(h);
    const base = { address: "+15550100", environment: "production" as const, flowName: "holiday", versionNumber: 1 };
    const { id } = await publisher.schedules.create.mutate({ ...base, startsAt: "2027-12-24T00:00", endsAt: "2027-12-27T00:00" });
    await publisher.schedules.update.mutate({ id, startsAt: "2027-12-23T18:00", reason: "close early" });
    setClock(h, at("2027-12-23T18:00") + 300);
    await schedulerFor().sweep();
    const startedEdit = await failure(publisher.schedules.update.mutate({ id, startsAt: "2027-12-23T19:00" }));
    expect(startedEdit.message).toBe("This schedule has started: only its end time can still change");
    const startedCancel = await failure(publisher.schedules.cancel.mutate({ id }));
    expect(startedCancel.message).toBe("This schedule has started; change its end time to end it sooner, or roll back");
    await publisher.schedules.update.mutate({ id, endsAt: "2027-12-28T00:00" });
    const other = await publisher.schedules.create.mutate({ ...base, startsAt: "2028-12-24T00:00" });
    await publisher.schedules.cancel.mutate({ id: other.id, reason: "not this year" });
    const timeline = await publisher.schedules.timeline.query({ address: "+15550100", environment: "production" });
    expect(timeline.schedules.map((s) => [s.status, s.startsAtLocal, s.endsAtLocal])).toEqual([
      ["cancelled", "2028-12-24T00:00", null],
      ["active", "2027-12-23T18:00", "2027-12-28T00:00"],
    ]);
    expect(timeline.segments.map((s) => s.label)).toEqual(["holiday v1", "main v2"]);
  });

  it("an admin's rollback during a window ends it: no automatic revert overrides the admin, and the timeline says so", async () => {
    const { admin, publisher } = await world(h);
    const { id } = await publisher.schedules.create.mutate({ address: "+15550100", environment: "production", flowName: "main", versionNumber: 1, startsAt: "2027-06-01T09:00", endsAt: "2027-06-01T17:00" });
    setClock(h, at("2027-06-01T09:00") + 300);
    await schedulerFor().sweep();
    expect(await live(admin)).toEqual(["main v1"]);
    setClock(h, at("2027-06-01T10:00"));
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "holiday", reason: "burst pipe" });
    setClock(h, at("2027-06-01T17:00") + 300);
    expect(await scheduler!.sweep()).toEqual([]);
    expect(await live(admin)).toEqual(["holiday v1"]);
    const [entry] = (await admin.schedules.timeline.query({ address: "+15550100", environment: "production" })).schedules;
    expect(entry).toMatchObject({ id, status: "ended_early", finishNote: "ended early: bind to holiday v1 by Admin (admin@example.com) (burst pipe)" });
    expect((await admin.audit.list.query({})).map((a) => a.action)).toContain("schedule.ended_early");
  });

  it("a scheduler starting late fires what is overdue and says how late; a window that passed entirely is missed, not started", async () => {
    const { publisher } = await world(h);
    await publisher.schedules.create.mutate({ address: "+15550100", environment: "production", flowName: "holiday", versionNumber: 1, startsAt: "2027-12-24T00:00", endsAt: "2027-12-27T00:00" });
    await publisher.schedules.create.mutate({ address: "+15550100", environment: "production", flowName: "main", versionNumber: 1, startsAt: "2027-11-01T00:00", endsAt: "2027-11-02T00:00" });
    // No scheduler ran through 1–2 Nov and the morning of 24 Dec; one starts at 09:00.
    setClock(h, at("2027-12-24T09:00"));
    const fired = await schedulerFor().sweep();
    expect(fired.map((f) => [f.what, Math.round(f.lateMs / 3_600_000)])).toEqual([
      ["missed", Math.round((at("2027-12-24T09:00") - at("2027-11-01T00:00")) / 3_600_000)],
      ["activated", 9],
    ]);
    expect(await live(publisher)).toEqual(["holiday v1"]);
    const [latest] = await publisher.deployments.history.query({ address: "+15550100" });
    expect(latest!.reason).toMatch(/; 32400 s late: no scheduler was running at the time$/);
    expect(lines.join("\n")).toMatch(/activated schedule .* 32400 s late/);
    const timeline = await publisher.schedules.timeline.query({ address: "+15550100", environment: "production" });
    expect(timeline.schedules.find((s) => s.startsAtLocal === "2027-11-01T00:00")).toMatchObject({ status: "missed" });
  });

  it("fires at the due second from its timer, without a sweep being asked for", async () => {
    const { publisher } = await world(h);
    schedulerFor();
    // The API clock says it is 23:59:58 on 23 Dec: the start is two real seconds away.
    setClock(h, at("2027-12-24T00:00") - 2_000);
    await publisher.schedules.create.mutate({ address: "+15550100", environment: "production", flowName: "holiday", versionNumber: 1, startsAt: "2027-12-24T00:00" });
    await vi.waitFor(async () => expect(await live(publisher)).toEqual(["holiday v1"]), { timeout: 15_000, interval: 100 });
    const [latest] = await publisher.deployments.history.query({ address: "+15550100" });
    expect(latest!.kind).toBe("scheduled_activate");
    expect(new Date(latest!.createdAt).getTime()).toBeGreaterThanOrEqual(at("2027-12-24T00:00"));
  });
});

describe("two schedulers on one PostgreSQL database", () => {
  it("never fire one schedule twice", async () => {
    const h = await openApiHarness("postgres");
    const second = await createDatabase({ url: testPostgresUrl(), schema: h.db.schema, migrate: false });
    const otherServices = await createApiServices(second, { now: h.services.now });
    const schedulers: Scheduler[] = [];
    try {
      await h.reset();
      const { publisher } = await world(h);
      for (let day = 1; day <= 6; day++) {
        await publisher.schedules.create.mutate({ address: "+15550100", environment: "production", flowName: day % 2 ? "holiday" : "main", versionNumber: 1, startsAt: `2027-12-0${day}T00:00`, endsAt: `2027-12-0${day}T12:00` });
      }
      schedulers.push(startScheduler(h.services, { log: () => undefined, sweepEveryMs: 3_600_000 }), startScheduler(otherServices, { log: () => undefined, sweepEveryMs: 3_600_000 }));
      for (let day = 1; day <= 6; day++) {
        setClock(h, at(`2027-12-0${day}T00:00`) + 100);
        await Promise.all(schedulers.map((s) => s.sweep()));
        setClock(h, at(`2027-12-0${day}T12:00`) + 100);
        await Promise.all(schedulers.map((s) => s.sweep()));
      }
      const history = await publisher.deployments.history.query({ address: "+15550100", environment: "production" });
      const kinds = history.map((d) => d.kind);
      expect(kinds.filter((k) => k === "scheduled_activate")).toHaveLength(6);
      expect(kinds.filter((k) => k === "scheduled_revert")).toHaveLength(6);
      expect(await live(publisher)).toEqual(["main v2"]);
    } finally {
      for (const s of schedulers) await s.stop();
      await otherServices.deploymentEvents.close();
      await second.close();
      await h.close();
    }
  });
});
