import { TRPCError } from "@trpc/server";
import { canonicalJson, parseCalendar, type CalendarDocument, type CompiledCalendar, type Diagnostic } from "@switchboard/flows";
import { recordAudit } from "../../audit.js";
import { DiagnosticsError } from "../../errors.js";
import type { Context, SessionUser } from "../../trpc.js";
import { displayName, isUniqueViolation } from "../flows/load.js";
import { describeCalendarUsers, liveFlowsUsingCalendar } from "./calendar-users.js";
import type { CalendarNameInput, CalendarRefInput, CurrentCalendarsInput, DeleteCalendarInput, SaveCalendarInput } from "./inputs.js";

type Ctx = Context & { user: SessionUser };

const person = { select: { displayName: true, email: true } } as const;

function notFound(name: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `Calendar "${name}" does not exist` });
}

/** Checks an incoming calendar document; refuses it with every problem by path when it has errors. */
export function checkCalendarDocument(json: unknown): { document: CalendarDocument; diagnostics: Diagnostic[] } {
  const { document, diagnostics } = parseCalendar(json);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (!document || errors.length > 0) {
    const first = errors[0];
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Calendar has ${errors.length} error${errors.length === 1 ? "" : "s"}${first ? `: ${first.path}: ${first.message}` : ""}`,
      cause: new DiagnosticsError("calendar does not compile", diagnostics),
    });
  }
  return { document, diagnostics };
}

export async function listCalendars(ctx: Context) {
  const calendars = await ctx.prisma.calendar.findMany({ orderBy: { name: "asc" }, include: { savedBy: person } });
  const counts = await ctx.prisma.$queryRawUnsafe<{ name: string; entries: number }[]>(
    `SELECT c.name, jsonb_array_length(r.document->'entries')::int AS entries
       FROM calendars c JOIN calendar_revisions r ON r.calendar_id = c.id AND r.number = c.current_revision`,
  );
  const entries = new Map(counts.map((row) => [row.name, row.entries]));
  return calendars.map((calendar) => ({
    name: calendar.name,
    timezone: calendar.timezone,
    revision: calendar.currentRevision,
    entries: entries.get(calendar.name) ?? 0,
    savedBy: calendar.savedBy ? displayName(calendar.savedBy) : null,
    savedAt: calendar.savedAt.toISOString(),
  }));
}

/** A calendar's current revision (or an earlier one), with its document and warnings. */
export async function getCalendar(ctx: Context, input: CalendarRefInput) {
  const calendar = await ctx.prisma.calendar.findUnique({ where: { name: input.name }, include: { savedBy: person } });
  if (!calendar) throw notFound(input.name);
  const number = input.revision ?? calendar.currentRevision;
  const revision = await ctx.prisma.calendarRevision.findUnique({ where: { calendarId_number: { calendarId: calendar.id, number } }, include: { author: person } });
  if (!revision) throw new TRPCError({ code: "NOT_FOUND", message: `Calendar "${input.name}" has no revision ${number}` });
  const { document, diagnostics } = parseCalendar(revision.document, number);
  return {
    name: calendar.name,
    timezone: calendar.timezone,
    currentRevision: calendar.currentRevision,
    revision: number,
    document: document ?? revision.document,
    diagnostics,
    savedBy: calendar.savedBy ? displayName(calendar.savedBy) : null,
    savedAt: calendar.savedAt.toISOString(),
    author: revision.author ? displayName(revision.author) : null,
    message: revision.message,
  };
}

export async function listCalendarRevisions(ctx: Context, input: CalendarNameInput) {
  const calendar = await ctx.prisma.calendar.findUnique({ where: { name: input.name } });
  if (!calendar) throw notFound(input.name);
  const revisions = await ctx.prisma.calendarRevision.findMany({ where: { calendarId: calendar.id }, orderBy: { number: "desc" }, include: { author: person } });
  return revisions.map((revision) => ({
    number: revision.number,
    author: revision.author ? displayName(revision.author) : null,
    message: revision.message,
    createdAt: revision.createdAt.toISOString(),
    current: revision.number === calendar.currentRevision,
  }));
}

/**
 * The current revision of each named calendar (all when no names), as documents: the simulator compiles them with
 * the same `compileCalendar` the runtime uses. Names without a calendar come back in `missing`.
 */
export async function currentCalendars(ctx: Context, input: CurrentCalendarsInput) {
  const names = input.names;
  const rows = await ctx.prisma.calendar.findMany({ where: names ? { name: { in: names } } : {}, orderBy: { name: "asc" } });
  const missing = (names ?? []).filter((name) => !rows.some((row) => row.name === name));
  if (rows.length === 0) return { calendars: [], missing };
  const revisions = await ctx.prisma.calendarRevision.findMany({
    where: { OR: rows.map((row) => ({ calendarId: row.id, number: row.currentRevision })) },
    select: { calendarId: true, number: true, document: true },
  });
  const byCalendar = new Map(revisions.map((revision) => [revision.calendarId, revision]));
  const calendars = rows.flatMap((row) => {
    const revision = byCalendar.get(row.id);
    return revision ? [{ name: row.name, revision: revision.number, document: revision.document }] : [];
  });
  return { calendars, missing };
}

/** The current revisions of `names`, compiled (names that do not exist or do not compile are left out). */
export async function currentCompiledCalendars(ctx: Context, names: readonly string[]): Promise<Record<string, CompiledCalendar>> {
  const unique = [...new Set(names)];
  const compiled: Record<string, CompiledCalendar> = {};
  if (unique.length === 0) return compiled;
  for (const stored of (await currentCalendars(ctx, { names: unique })).calendars) {
    const { calendar, diagnostics } = parseCalendar(stored.document, stored.revision);
    if (calendar && !diagnostics.some((d) => d.severity === "error")) compiled[stored.name] = calendar;
  }
  return compiled;
}

/**
 * Saves a calendar as a new immutable revision and makes it current. `baseRevision: null` creates the calendar;
 * otherwise the save is refused with CONFLICT, naming who saved, when the calendar moved on since `baseRevision`.
 * After the commit runtimes hear a "calendar changed" notice and new calls use the new revision.
 */
export async function saveCalendar(ctx: Ctx, input: SaveCalendarInput) {
  const { document, diagnostics } = checkCalendarDocument(input.document);
  const documentJson = JSON.parse(canonicalJson(document)) as object;
  const saved = await ctx.prisma.$transaction(async (tx) => {
    if (input.baseRevision === null) {
      try {
        const calendar = await tx.calendar.create({
          data: { name: document.name, timezone: document.timezone, currentRevision: 1, savedById: ctx.user.id, savedAt: ctx.now(), createdAt: ctx.now() },
        });
        await tx.calendarRevision.create({ data: { calendarId: calendar.id, number: 1, document: documentJson, authorId: ctx.user.id, message: input.message, createdAt: ctx.now() } });
        await recordAudit(tx, {
          action: "calendar.save",
          actorId: ctx.user.id,
          subjectType: "calendar",
          subjectId: calendar.id,
          details: { calendar: document.name, revision: 1, entries: document.entries.length, created: true, message: input.message },
        });
        return { revision: 1, changed: true };
      } catch (error) {
        if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: `A calendar named "${document.name}" already exists` });
        throw error;
      }
    }
    const [locked] = await tx.$queryRaw<{ id: string; current_revision: number }[]>`
      SELECT id, current_revision FROM calendars WHERE name = ${document.name} FOR UPDATE`;
    if (!locked) throw new TRPCError({ code: "NOT_FOUND", message: `Calendar "${document.name}" does not exist (a calendar cannot be renamed: create a new one)` });
    if (locked.current_revision !== input.baseRevision) {
      const current = await tx.calendar.findUniqueOrThrow({ where: { id: locked.id }, include: { savedBy: person } });
      throw new TRPCError({
        code: "CONFLICT",
        message: `Calendar "${document.name}" was changed by ${displayName(current.savedBy)} at ${current.savedAt.toISOString()} (revision ${current.currentRevision}, you edited revision ${input.baseRevision}); reload it and apply your changes again`,
      });
    }
    const previous = await tx.calendarRevision.findUniqueOrThrow({ where: { calendarId_number: { calendarId: locked.id, number: locked.current_revision } }, select: { document: true } });
    if (canonicalJson(previous.document) === canonicalJson(documentJson)) return { revision: locked.current_revision, changed: false };
    const number = locked.current_revision + 1;
    await tx.calendarRevision.create({ data: { calendarId: locked.id, number, document: documentJson, authorId: ctx.user.id, message: input.message, createdAt: ctx.now() } });
    await tx.calendar.update({ where: { id: locked.id }, data: { currentRevision: number, timezone: document.timezone, savedById: ctx.user.id, savedAt: ctx.now() } });
    await recordAudit(tx, {
      action: "calendar.save",
      actorId: ctx.user.id,
      subjectType: "calendar",
      subjectId: locked.id,
      details: { calendar: document.name, revision: number, entries: document.entries.length, message: input.message },
    });
    return { revision: number, changed: true };
  });
  if (saved.changed) await ctx.deploymentEvents.publishCalendarChanged({ name: document.name, revision: saved.revision, at: ctx.now().toISOString() });
  return { name: document.name, revision: saved.revision, changed: saved.changed, diagnostics };
}

/** Deletes a calendar and its revisions; refused while a live flow's schedule names it (naming those flows). */
export async function deleteCalendar(ctx: Ctx, input: DeleteCalendarInput) {
  const calendar = await ctx.prisma.calendar.findUnique({ where: { name: input.name } });
  if (!calendar) throw notFound(input.name);
  const users = await liveFlowsUsingCalendar(ctx.prisma, input.name);
  if (users.length > 0) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Calendar "${input.name}" is used by live flows: ${describeCalendarUsers(users)}; remove it from their schedules and publish them first`,
    });
  }
  await ctx.prisma.$transaction(async (tx) => {
    await tx.calendar.delete({ where: { id: calendar.id } });
    await recordAudit(tx, {
      action: "calendar.delete",
      actorId: ctx.user.id,
      subjectType: "calendar",
      subjectId: calendar.id,
      details: { calendar: calendar.name, lastRevision: calendar.currentRevision },
    });
  });
  await ctx.deploymentEvents.publishCalendarChanged({ name: input.name, revision: null, at: ctx.now().toISOString() });
  return { name: input.name, deleted: true };
}
