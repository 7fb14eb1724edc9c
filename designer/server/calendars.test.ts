import { readFileSync } from "node:fs";
import { beforeEach, expect, it, vi } from "vitest";
import type { CalendarChanged } from "@switchboard/db";
import type { ApiClient } from "./client.js";
import { cnCalendar, scheduleFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("calendars", (h) => {
  let publisher: ApiClient;
  let admin: ApiClient;
  beforeEach(async () => {
    publisher = await h.sessionFor("publisher");
    admin = await h.sessionFor("admin");
  });

  it("saves immutable revisions, tells runtimes, and refuses a stale save naming who saved", async () => {
    const heard: CalendarChanged[] = [];
    const stop = h.services.deploymentEvents.subscribeCalendars((event) => heard.push(event));
    const created = await publisher.calendars.save.mutate({ document: cnCalendar(), baseRevision: null, message: "State Council notice" });
    expect(created).toMatchObject({ name: "CN-2027", revision: 1, changed: true });
    const second = await admin.calendars.save.mutate({ document: cnCalendar([{ kind: "closed", name: "Qingming", date: "2027-04-05" }]), baseRevision: 1 });
    expect(second.revision).toBe(2);
    // The publisher still edits revision 1: refused, naming the admin.
    const stale = await failure(publisher.calendars.save.mutate({ document: cnCalendar([{ kind: "closed", name: "Labour Day", date: "2027-05-01" }]), baseRevision: 1 }));
    expect(stale.data?.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/^Calendar "CN-2027" was changed by Admin <admin@example.com> at .* \(revision 2, you edited revision 1\)/);
    // Saving what is already current makes no revision.
    expect(await admin.calendars.save.mutate({ document: cnCalendar([{ kind: "closed", name: "Qingming", date: "2027-04-05" }]), baseRevision: 2 })).toMatchObject({ revision: 2, changed: false });
    stop();
    await vi.waitFor(() => expect(heard.map((e) => [e.name, e.revision])).toEqual([["CN-2027", 1], ["CN-2027", 2]]));

    expect(await publisher.calendars.list.query()).toEqual([expect.objectContaining({ name: "CN-2027", timezone: "Asia/Shanghai", revision: 2, entries: 3, savedBy: "Admin <admin@example.com>" })]);
    const first = await publisher.calendars.get.query({ name: "CN-2027", revision: 1 });
    expect(first).toMatchObject({ currentRevision: 2, revision: 1, author: "Publisher <publisher@example.com>", message: "State Council notice" });
    expect((first.document as { entries: unknown[] }).entries).toHaveLength(2);
    expect((await publisher.calendars.revisions.query({ name: "CN-2027" })).map((r) => [r.number, r.current])).toEqual([[2, true], [1, false]]);
    const current = await publisher.calendars.current.query({ names: ["CN-2027", "Nope"] });
    expect(current).toMatchObject({ calendars: [{ name: "CN-2027", revision: 2 }], missing: ["Nope"] });
    // The database refuses to change a revision.
    await expect(h.db.prisma.calendarRevision.updateMany({ data: { message: "rewritten" } })).rejects.toThrow(/immutable/);

    const audit = await admin.audit.list.query({ action: "calendar.save" });
    expect(audit.map((e) => (e.details as { revision: number }).revision).sort()).toEqual([1, 2]);
  });

  it("refuses calendars with errors, naming the entry and field; a duplicate name is a conflict", async () => {
    const bad = await failure(publisher.calendars.save.mutate({ document: { ...cnCalendar(), entries: [{ kind: "closed", name: "Typo", date: "2027-02-30" }] }, baseRevision: null }));
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(bad.message).toBe('Calendar has 1 error: entries[0].date: "2027-02-30" is not a calendar date');
    expect(bad.data?.diagnostics).toEqual([expect.objectContaining({ code: "SB126", path: "entries[0].date" })]);
    const shape = await failure(publisher.calendars.save.mutate({ document: { name: "X", timezone: "UTC", entries: [{ kind: "nope" }] }, baseRevision: null }));
    expect(shape.data?.diagnostics?.[0]).toMatchObject({ code: "SB125", path: "entries[0].kind" });
    await publisher.calendars.save.mutate({ document: cnCalendar(), baseRevision: null });
    const twice = await failure(publisher.calendars.save.mutate({ document: cnCalendar(), baseRevision: null }));
    expect(twice).toMatchObject({ message: 'A calendar named "CN-2027" already exists', data: { code: "CONFLICT" } });
  });

  it("refuses publishing a schedule that names a missing calendar, naming node and field; validate reports it", async () => {
    const flow = await publisher.flows.create.mutate({ name: "holidays" });
    await publisher.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document: scheduleFlow("holidays", ["CN-2027", "Company"]) });
    await publisher.calendars.save.mutate({ document: cnCalendar(), baseRevision: null });
    const refused = await failure(publisher.flows.publish.mutate({ flowId: flow.id }));
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe('Flow "holidays" cannot be published: node hours field calendars[1]: schedule hours refers to calendar "Company", which does not exist');
    const validation = await publisher.flows.validate.mutate({ flowId: flow.id });
    expect(validation.ok).toBe(false);
    expect(validation.diagnostics).toContainEqual(expect.objectContaining({ code: "SB304", nodeId: "hours", path: "nodes[1].data.calendars[1]" }));
    await publisher.calendars.save.mutate({ document: { name: "Company", timezone: "Europe/London", entries: [] }, baseRevision: null });
    const published = await publisher.flows.publish.mutate({ flowId: flow.id });
    expect(published.created).toBe(true);
    expect((await publisher.flows.validate.mutate({ flowId: flow.id })).diagnostics).toContainEqual(expect.objectContaining({ code: "SB305", severity: "warning" }));
  });

  it("publishing runs the flow's scenarios with the calendars' current revisions", async () => {
    await publisher.calendars.save.mutate({ document: { name: "CN-2027", timezone: "Asia/Shanghai", entries: [{ kind: "closed", name: "Qingming", date: "2027-04-05" }] }, baseRevision: null });
    const flow = await publisher.flows.create.mutate({ name: "holidays" });
    const festivalCall = { name: "festival call", call: { localTime: "2027-02-08T10:00", timezone: "Asia/Shanghai" }, expect: { visits: ["start", "hours", "holiday"] } };
    await publisher.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document: { ...scheduleFlow("holidays", ["CN-2027"]), scenarios: [festivalCall] }, baseScenariosRevision: 1 });
    const refused = await failure(publisher.flows.publish.mutate({ flowId: flow.id }));
    expect(refused.message).toContain("festival call");
    await publisher.calendars.save.mutate({ document: cnCalendar(), baseRevision: 1 });
    expect((await publisher.flows.publish.mutate({ flowId: flow.id })).created).toBe(true);
  });

  it("refuses deleting a calendar a live flow names, naming the flows; deletes it once unused", async () => {
    await publisher.calendars.save.mutate({ document: cnCalendar(), baseRevision: null });
    const flow = await publisher.flows.create.mutate({ name: "holidays" });
    const saved = await publisher.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document: scheduleFlow("holidays", ["CN-2027"]) });
    await publisher.flows.publish.mutate({ flowId: flow.id });
    await admin.deployments.bind.mutate({ address: "+15550101", environment: "production", flowName: "holidays" });
    const refused = await failure(admin.calendars.delete.mutate({ name: "CN-2027" }));
    expect(refused.data?.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toBe('Calendar "CN-2027" is used by live flows: "holidays" v1 on +15550101 (production); remove it from their schedules and publish them first');
    // A new version without the calendar: the latest version still counts (sub-flows run it) while v1 is live.
    await publisher.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: saved.draftRevision, document: scheduleFlow("holidays", []) });
    await publisher.flows.publish.mutate({ flowId: flow.id });
    expect((await failure(admin.calendars.delete.mutate({ name: "CN-2027" }))).message).toContain('"holidays" v1 on +15550101 (production);');
    // Made live: the calendar is free.
    await publisher.deployments.activate.mutate({ address: "+15550101", environment: "production", versionNumber: 2 });
    expect(await admin.calendars.delete.mutate({ name: "CN-2027" })).toEqual({ name: "CN-2027", deleted: true });
    expect(await publisher.calendars.list.query()).toEqual([]);
    expect((await admin.audit.list.query({ action: "calendar.delete" }))).toHaveLength(1);
  });

  it("previews an .ics import without saving, then exports the saved calendar and previews its next 12 months", async () => {
    const ics = readFileSync(new URL("../../flows/test/fixtures/calendars/china-2027.ics", import.meta.url), "utf8");
    const tester = await h.sessionFor("tester");
    const preview = await tester.calendars.importIcs.mutate({ ics, name: "CN-2027", from: "2026-12-01" });
    expect(preview.document).toMatchObject({ name: "CN-2027", timezone: "Asia/Shanghai" });
    expect(preview.events).toHaveLength(11);
    expect(preview.warnings).toEqual([expect.objectContaining({ line: 163, uid: "20270208_cn_draft@holiday.example" })]);
    expect(preview.existingRevision).toBeNull();
    expect(await publisher.calendars.list.query()).toEqual([]);

    await publisher.calendars.save.mutate({ document: preview.document, baseRevision: null, message: "imported china-2027.ics" });
    const exported = await tester.calendars.exportIcs.query({ name: "CN-2027" });
    expect(exported.filename).toBe("CN-2027.ics");
    expect(exported.text).toContain("SUMMARY:春节 Spring Festival\r\n");
    const months = await tester.calendars.preview12Months.query({ name: "CN-2027", from: "2027-02-01" });
    expect(months).toMatchObject({ revision: 1, timezone: "Asia/Shanghai", from: "2027-02-01" });
    expect(months.days[0]).toEqual({ date: "2027-02-06", weekday: "Saturday", entry: "春节 Spring Festival", kind: "closed", effect: "closed all day", when: "2027-02-06 – 2027-02-13", hours: "", as: null });
    // Only the next 12 months: New Year's Day 2027 is before, nothing after 2028-01-31.
    expect(months.days.some((day) => day.date < "2027-02-01" || day.date > "2028-01-31")).toBe(false);
    expect((await tester.calendars.importIcs.mutate({ ics, name: "CN-2027" })).existingRevision).toBe(1);
  });

  it("lets editors and testers read but not change calendars", async () => {
    await publisher.calendars.save.mutate({ document: cnCalendar(), baseRevision: null });
    for (const role of ["editor", "tester"] as const) {
      const api = await h.sessionFor(role);
      expect((await api.calendars.get.query({ name: "CN-2027" })).revision).toBe(1);
      const refused = await failure(api.calendars.save.mutate({ document: cnCalendar(), baseRevision: 1 }));
      expect(refused).toMatchObject({ message: "Permission required: edit calendars", data: { code: "FORBIDDEN" } });
    }
  });
});
