import { CalendarNameSchema } from "@switchboard/flows";
import { z } from "zod";

const name = z.string().min(1).max(80);
const revision = z.number().int().positive();

export const ZCalendarRefInput = z.object({ name, revision: revision.optional() });
export const ZCalendarNameInput = z.object({ name });
export const ZSaveCalendarInput = z.object({
  /** The whole calendar document (checked with the flows `CalendarDocumentSchema` and `compileCalendar`). */
  document: z.unknown(),
  /** The revision the editor loaded; null creates a new calendar. A save on top of anyone else's newer save is refused. */
  baseRevision: revision.nullable(),
  message: z.string().max(500).default(""),
});
export const ZCurrentCalendarsInput = z.object({ names: z.array(name).max(100).optional() }).default({});
export const ZDeleteCalendarInput = z.object({ name: CalendarNameSchema });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
export const ZImportIcsInput = z.object({
  /** The .ics file's text. */
  ics: z.string().min(1),
  name: z.string().min(1).max(80).optional(),
  timezone: z.string().min(1).max(64).optional(),
  /** First day of the horizon rules that are not plain yearly ones are expanded over (default: today, UTC). */
  from: isoDate.optional(),
  years: z.number().int().min(1).max(10).default(3),
});
export const ZPreviewCalendarInput = z.union([
  z.object({ name, revision: revision.optional(), from: isoDate.optional() }),
  z.object({ document: z.unknown(), from: isoDate.optional() }),
]);

export type ImportIcsInput = z.infer<typeof ZImportIcsInput>;
export type PreviewCalendarInput = z.infer<typeof ZPreviewCalendarInput>;
export type CalendarRefInput = z.infer<typeof ZCalendarRefInput>;
export type CalendarNameInput = z.infer<typeof ZCalendarNameInput>;
export type SaveCalendarInput = z.infer<typeof ZSaveCalendarInput>;
export type CurrentCalendarsInput = z.infer<typeof ZCurrentCalendarsInput>;
export type DeleteCalendarInput = z.infer<typeof ZDeleteCalendarInput>;
