import type { Role } from "@switchboard/db";
import { testDatabaseKinds } from "@switchboard/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { PERMISSIONS, type Permission } from "./permissions.js";
import { cnCalendar, greetingFlow } from "./test/fixtures.js";
import { failure, openApiHarness, outcome, ROLES, type ApiHarness } from "./test/harness.js";

/** What the fixture below creates, for cases to refer to. */
interface World {
  welcomeId: string;
  spareId: string;
  extraUserId: string;
  /** A global incident override on in staging. */
  incidentId: string;
  /** A scheduled publish of welcome v1 on +15550100 (production), waiting for 2099. */
  scheduleId: string;
}

/**
 * welcome: v1 live in staging on +15550100, v2 live in production on +15550100, draft changed since v2.
 * spare: an unbound flow with no versions. extra@example.com: a tester, throttled from 127.0.0.1. Calendars CN-2027
 * and Spare (unused), revision 1 each.
 */
async function buildWorld(h: ApiHarness, admin: ApiClient): Promise<World> {
  const welcome = await admin.flows.create.mutate({ name: "welcome" });
  let revision = welcome.draftRevision;
  for (const greeting of ["Hello", "Hi there", "Good day"]) {
    ({ draftRevision: revision } = await admin.flows.saveDraft.mutate({ flowId: welcome.id, baseRevision: revision, document: greetingFlow("welcome", greeting) }));
    if (greeting !== "Good day") await admin.flows.publish.mutate({ flowId: welcome.id, message: greeting });
  }
  await admin.deployments.bind.mutate({ address: "+15550100", environment: "staging", flowName: "welcome", versionNumber: 1 });
  await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "welcome", versionNumber: 2 });
  const spare = await admin.flows.create.mutate({ name: "spare" });
  const extra = await h.addUser("extra@example.com", "tester");
  await h.db.prisma.loginThrottle.create({
    data: { email: "extra@example.com", address: "127.0.0.1", failures: 5, firstFailureAt: new Date(), lastFailureAt: new Date(), blockedUntil: new Date(Date.now() + 30_000) },
  });
  const incident = await h.db.prisma.incidentOverride.create({
    data: { environment: "staging", scope: "global", mode: "emergency", reason: "test outage", startedAt: new Date() },
  });
  const production = await h.db.prisma.binding.findUniqueOrThrow({ where: { address_environment: { address: "+15550100", environment: "production" } } });
  const v1 = await h.db.prisma.flowVersion.findFirstOrThrow({ where: { flowId: welcome.id, number: 1 } });
  const schedule = await h.db.prisma.scheduledPublish.create({
    data: { bindingId: production.id, versionId: v1.id, startsAt: new Date("2099-12-24T00:00:00Z"), endsAt: new Date("2099-12-27T00:00:00Z"), timeZone: "UTC" },
  });
  await admin.calendars.save.mutate({ document: cnCalendar(), baseRevision: null });
  await admin.calendars.save.mutate({ document: { name: "Spare", timezone: "Europe/London", entries: [] }, baseRevision: null });
  // One finished call on welcome v1: start → hello → bye, self-served.
  const at = Date.parse("2026-12-02T10:00:00Z");
  await h.db.prisma.callRecord.create({
    data: {
      callId: "world-call",
      environment: "staging",
      address: "+15550100",
      flowName: "welcome",
      versionId: v1.id,
      callerNumber: "+447700900123",
      startedAt: new Date(at),
      endedAt: new Date(at + 3000),
      outcome: "selfServed",
      endReason: "the flow ended the call",
      visits: {
        create: [
          { sequence: 0, nodeId: "start", nodeType: "start", enteredAt: new Date(at), outlet: "next", outletReason: "start" },
          { sequence: 1, nodeId: "hello", nodeType: "announcement", enteredAt: new Date(at), outlet: "next", outletReason: "prompt finished", detail: { heard: [{ text: "Hello", language: "en" }] } },
          { sequence: 2, nodeId: "bye", nodeType: "hangup", enteredAt: new Date(at + 2000) },
        ],
      },
    },
  });
  return { welcomeId: welcome.id, spareId: spare.id, extraUserId: extra.id, incidentId: incident.id, scheduleId: schedule.id };
}

interface Case {
  procedure: string;
  permission: Permission;
  /** Changes data: the world is rebuilt before each permitted call. */
  mutates: boolean;
  call(api: ApiClient, world: World): Promise<unknown>;
}

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const CASES: Case[] = [
  { procedure: "flows.list", permission: "readFlows", mutates: false, call: (api) => api.flows.list.query() },
  { procedure: "flows.get", permission: "readFlows", mutates: false, call: (api) => api.flows.get.query({ name: "welcome" }) },
  { procedure: "flows.validate", permission: "readFlows", mutates: false, call: (api, w) => api.flows.validate.mutate({ flowId: w.welcomeId }) },
  { procedure: "flows.listVersions", permission: "readFlows", mutates: false, call: (api, w) => api.flows.listVersions.query({ flowId: w.welcomeId }) },
  { procedure: "flows.getVersion", permission: "readFlows", mutates: false, call: (api, w) => api.flows.getVersion.query({ flowId: w.welcomeId, number: 1 }) },
  { procedure: "flows.diffVersions", permission: "readFlows", mutates: false, call: (api, w) => api.flows.diffVersions.query({ flowId: w.welcomeId, from: 1, to: 2 }) },
  { procedure: "flows.export", permission: "readFlows", mutates: false, call: (api) => api.flows.export.query({ name: "welcome", version: 2 }) },
  {
    procedure: "flows.compiledByNames",
    permission: "readFlows",
    mutates: false,
    call: (api) => api.flows.compiledByNames.query({ names: ["welcome", "spare"] }),
  },
  {
    procedure: "flows.saveScenarios",
    permission: "saveScenarios",
    mutates: true,
    call: (api, w) => api.flows.saveScenarios.mutate({ flowId: w.spareId, baseScenariosRevision: 1, scenarios: [{ name: "hears hello", call: { localTime: "2026-11-23T10:00", timezone: "Europe/London" } }] }),
  },
  { procedure: "flows.create", permission: "editFlows", mutates: true, call: (api) => api.flows.create.mutate({ name: "new flow" }) },
  { procedure: "flows.rename", permission: "editFlows", mutates: true, call: (api, w) => api.flows.rename.mutate({ flowId: w.spareId, name: "spare-2" }) },
  { procedure: "flows.archive", permission: "editFlows", mutates: true, call: (api, w) => api.flows.archive.mutate({ flowId: w.spareId, archived: true }) },
  {
    procedure: "flows.saveDraft",
    permission: "editFlows",
    mutates: true,
    call: (api, w) => api.flows.saveDraft.mutate({ flowId: w.spareId, baseRevision: 1, document: greetingFlow("spare", "Hey") }),
  },
  { procedure: "flows.import", permission: "editFlows", mutates: true, call: (api) => api.flows.import.mutate({ documents: [greetingFlow("imported")] }) },
  { procedure: "flows.publish", permission: "publishFlows", mutates: true, call: (api, w) => api.flows.publish.mutate({ flowId: w.welcomeId }) },
  { procedure: "deployments.list", permission: "readFlows", mutates: false, call: (api) => api.deployments.list.query() },
  { procedure: "deployments.history", permission: "readFlows", mutates: false, call: (api) => api.deployments.history.query() },
  {
    procedure: "deployments.activate",
    permission: "activateVersions",
    mutates: true,
    call: (api) => api.deployments.activate.mutate({ address: "+15550100", environment: "staging", versionNumber: 2 }),
  },
  {
    procedure: "deployments.rollback",
    permission: "rollBack",
    mutates: true,
    call: (api) => api.deployments.rollback.mutate({ address: "+15550100", environment: "production", versionNumber: 1, reason: "v2 mispronounces the company name" }),
  },
  {
    procedure: "deployments.bind",
    permission: "bindNumbers",
    mutates: true,
    call: (api) => api.deployments.bind.mutate({ address: "+15550199", environment: "staging", flowName: "welcome" }),
  },
  { procedure: "users.list", permission: "manageUsers", mutates: false, call: (api) => api.users.list.query() },
  {
    procedure: "users.create",
    permission: "manageUsers",
    mutates: true,
    call: (api) => api.users.create.mutate({ email: "new@example.com", displayName: "New", role: "editor", password: "a long enough password" }),
  },
  { procedure: "users.setRole", permission: "manageUsers", mutates: true, call: (api, w) => api.users.setRole.mutate({ userId: w.extraUserId, role: "publisher" }) },
  { procedure: "users.signInThrottles", permission: "manageSignInThrottles", mutates: false, call: (api) => api.users.signInThrottles.query() },
  {
    procedure: "users.clearSignInThrottle",
    permission: "manageSignInThrottles",
    mutates: true,
    call: (api) => api.users.clearSignInThrottle.mutate({ email: "extra@example.com", address: "127.0.0.1" }),
  },
  { procedure: "audit.list", permission: "readAudit", mutates: false, call: (api) => api.audit.list.query() },
  { procedure: "switches.capabilities", permission: "readSwitchStatus", mutates: false, call: (api) => api.switches.capabilities.query() },
  { procedure: "incidents.list", permission: "readFlows", mutates: false, call: (api) => api.incidents.list.query() },
  {
    procedure: "incidents.switchOn",
    permission: "switchIncidents",
    mutates: true,
    call: (api) => api.incidents.switchOn.mutate({ environment: "production", address: "+15550100", mode: "emergency", reason: "flood in the call centre" }),
  },
  { procedure: "incidents.switchOff", permission: "switchIncidents", mutates: true, call: (api, w) => api.incidents.switchOff.mutate({ id: w.incidentId, reason: "fixed" }) },
  { procedure: "schedules.timeline", permission: "readFlows", mutates: false, call: (api) => api.schedules.timeline.query({ address: "+15550100", environment: "production" }) },
  {
    procedure: "schedules.create",
    permission: "scheduleVersions",
    mutates: true,
    call: (api) => api.schedules.create.mutate({ address: "+15550100", environment: "staging", flowName: "welcome", versionNumber: 2, startsAt: "2099-12-24T00:00", endsAt: "2099-12-27T00:00" }),
  },
  { procedure: "schedules.update", permission: "scheduleVersions", mutates: true, call: (api, w) => api.schedules.update.mutate({ id: w.scheduleId, endsAt: "2099-12-28T00:00" }) },
  { procedure: "schedules.cancel", permission: "scheduleVersions", mutates: true, call: (api, w) => api.schedules.cancel.mutate({ id: w.scheduleId }) },
  {
    procedure: "schedules.setTimeZone",
    permission: "scheduleVersions",
    mutates: true,
    call: (api) => api.schedules.setTimeZone.mutate({ address: "+15550100", environment: "production", timeZone: "Asia/Shanghai" }),
  },
  { procedure: "calendars.list", permission: "readCalendars", mutates: false, call: (api) => api.calendars.list.query() },
  { procedure: "calendars.get", permission: "readCalendars", mutates: false, call: (api) => api.calendars.get.query({ name: "CN-2027" }) },
  { procedure: "calendars.revisions", permission: "readCalendars", mutates: false, call: (api) => api.calendars.revisions.query({ name: "CN-2027" }) },
  { procedure: "calendars.current", permission: "readCalendars", mutates: false, call: (api) => api.calendars.current.query({ names: ["CN-2027"] }) },
  {
    procedure: "calendars.save",
    permission: "editCalendars",
    mutates: true,
    call: (api) => api.calendars.save.mutate({ document: cnCalendar([{ kind: "closed", name: "Qingming", date: "2027-04-05" }]), baseRevision: 1 }),
  },
  {
    procedure: "calendars.importIcs",
    permission: "readCalendars",
    mutates: false,
    call: (api) => api.calendars.importIcs.mutate({ ics: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", name: "Empty" }),
  },
  { procedure: "calendars.exportIcs", permission: "readCalendars", mutates: false, call: (api) => api.calendars.exportIcs.query({ name: "CN-2027" }) },
  { procedure: "calendars.preview12Months", permission: "readCalendars", mutates: false, call: (api) => api.calendars.preview12Months.query({ name: "CN-2027", from: "2027-01-01" }) },
  { procedure: "calendars.delete", permission: "editCalendars", mutates: true, call: (api) => api.calendars.delete.mutate({ name: "Spare" }) },
  {
    procedure: "calls.search",
    permission: "readCalls",
    mutates: false,
    call: (api) => api.calls.search.query({ environment: "staging", from: "2026-12-01T00:00:00Z", to: "2026-12-08T00:00:00Z" }),
  },
  { procedure: "calls.trace", permission: "readCalls", mutates: false, call: (api) => api.calls.trace.query({ callId: "world-call" }) },
  { procedure: "calls.saveAsScenario", permission: "saveScenarios", mutates: true, call: (api) => api.calls.saveAsScenario.mutate({ callId: "world-call", name: "From a real call" }) },
  { procedure: "calls.retention", permission: "readCalls", mutates: false, call: (api) => api.calls.retention.query() },
  { procedure: "calls.setRetention", permission: "manageRetention", mutates: true, call: (api) => api.calls.setRetention.mutate({ retentionDays: 90 }) },
  ...(["kpis", "breakdown", "series", "dimensions", "nodeDropOff", "splitBranches", "live"] as const).map(
    (name): Case => ({
      procedure: `analytics.${name}`,
      permission: "readAnalytics",
      mutates: false,
      call: (api) => {
        const period = { from: "2026-12-01T00:00:00Z", to: "2026-12-08T00:00:00Z" };
        const environment = "production" as const;
        switch (name) {
          case "kpis":
            return api.analytics.kpis.query({ environment, period, compareWith: { from: "2026-11-24T00:00:00Z", to: "2026-12-01T00:00:00Z" } });
          case "breakdown":
            return api.analytics.breakdown.query({ environment, period, by: "flow" });
          case "series":
            return api.analytics.series.query({ environment, period, bucket: "day", timeZone: "Europe/London" });
          case "dimensions":
            return api.analytics.dimensions.query({ environment, period });
          case "nodeDropOff":
            return api.analytics.nodeDropOff.query({ environment, period, flowName: "welcome" });
          case "splitBranches":
            return api.analytics.splitBranches.query({ environment, period, flowName: "welcome", nodeId: "ab" });
          case "live":
            return api.analytics.live.query({ environment });
        }
      },
    }),
  ),
];

describe.each(testDatabaseKinds())("every procedure × role on %s", (kind) => {
  let h: ApiHarness;
  let world: World;
  const fresh = async () => {
    await h.reset();
    world = await buildWorld(h, await h.sessionFor("admin"));
  };
  beforeAll(async () => {
    h = await openApiHarness(kind);
    await fresh();
  });
  afterAll(() => h?.close());

  it("covers every procedure of the API", async () => {
    const { appRouter } = await import("./app-router.js");
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => !p.startsWith("auth."));
    expect(CASES.map((c) => c.procedure).sort()).toEqual(procedures.sort());
  });

  describe.each(CASES)("$procedure", (testCase) => {
    const allowed = PERMISSIONS[testCase.permission].roles as readonly Role[];

    it.each(ROLES.filter((role) => !allowed.includes(role)))(`refuses %s with "Permission required"`, async (role) => {
      const error = await failure(testCase.call(await h.sessionFor(role), world));
      expect(error.data?.code).toBe("FORBIDDEN");
      expect(error.message).toBe(`Permission required: ${PERMISSIONS[testCase.permission].label}`);
    });

    it.each(allowed)("lets %s through", async (role) => {
      if (testCase.mutates) await fresh();
      expect(await outcome(testCase.call(await h.sessionFor(role), world))).toBe("OK");
    });

    it("refuses anyone not signed in", async () => {
      expect(await outcome(testCase.call(h.anonymous(), world))).toBe("UNAUTHORIZED");
    });
  });
});
