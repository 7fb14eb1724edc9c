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

export type CalendarRefInput = z.infer<typeof ZCalendarRefInput>;
export type CalendarNameInput = z.infer<typeof ZCalendarNameInput>;
export type SaveCalendarInput = z.infer<typeof ZSaveCalendarInput>;
export type CurrentCalendarsInput = z.infer<typeof ZCurrentCalendarsInput>;
export type DeleteCalendarInput = z.infer<typeof ZDeleteCalendarInput>;
