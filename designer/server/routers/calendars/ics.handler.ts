import { compileCalendar, exportIcs, importIcs, localTimeOf, parseCalendar, previewCalendar, type CalendarDocument } from "@switchboard/flows";
import type { Context } from "../../trpc.js";
import { checkCalendarDocument, getCalendar } from "./calendars.handler.js";
import type { CalendarRefInput, ImportIcsInput, PreviewCalendarInput } from "./inputs.js";

/**
 * What an .ics file would become, without saving anything: the calendar document, each event with what it was
 * understood as, warnings naming the line and UID of anything skipped, the document's own diagnostics, and whether a
 * calendar of that name exists already (saving then makes a new revision of it).
 */
export async function importIcsPreview(ctx: Context, input: ImportIcsInput) {
  const from = input.from ?? ctx.now().toISOString().slice(0, 10);
  const result = importIcs(input.ics, { from, years: input.years, ...(input.name ? { name: input.name } : {}), ...(input.timezone ? { timezone: input.timezone } : {}) });
  const diagnostics = result.document ? parseCalendar(result.document).diagnostics : [];
  const existing = result.document ? await ctx.prisma.calendar.findUnique({ where: { name: result.document.name }, select: { currentRevision: true } }) : null;
  return { ...result, diagnostics, existingRevision: existing?.currentRevision ?? null, horizon: { from, years: input.years } };
}

/** A calendar revision as an .ics file. */
export async function exportCalendarIcs(ctx: Context, input: CalendarRefInput) {
  const calendar = await getCalendar(ctx, input);
  return { filename: `${calendar.name}.ics`, text: exportIcs(calendar.document as CalendarDocument, ctx.now().getTime()) };
}

/** Every day of the next 12 months (from `from`, default today on the calendar's clock) that differs from the ordinary week. */
export async function previewTwelveMonths(ctx: Context, input: PreviewCalendarInput) {
  let document: CalendarDocument;
  let revision = 0;
  if ("document" in input) document = checkCalendarDocument(input.document).document;
  else {
    const stored = await getCalendar(ctx, input);
    document = stored.document as CalendarDocument;
    revision = stored.revision;
  }
  const calendar = compileCalendar(document, revision).calendar;
  const from = input.from ?? localTimeOf(ctx.now().getTime(), calendar.timezone).slice(0, 10);
  return { name: calendar.name, revision, timezone: calendar.timezone, from, days: previewCalendar(calendar, from) };
}
