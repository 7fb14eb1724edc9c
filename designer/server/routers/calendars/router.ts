import { requirePermission, router } from "../../trpc.js";
import { currentCalendars, deleteCalendar, getCalendar, listCalendarRevisions, listCalendars, saveCalendar } from "./calendars.handler.js";
import { exportCalendarIcs, importIcsPreview, previewTwelveMonths } from "./ics.handler.js";
import { ZCalendarNameInput, ZCalendarRefInput, ZCurrentCalendarsInput, ZDeleteCalendarInput, ZImportIcsInput, ZPreviewCalendarInput, ZSaveCalendarInput } from "./inputs.js";

const reader = requirePermission("readCalendars");
const editor = requirePermission("editCalendars");

export const calendarsRouter = router({
  list: reader.query(({ ctx }) => listCalendars(ctx)),
  get: reader.input(ZCalendarRefInput).query(({ ctx, input }) => getCalendar(ctx, input)),
  revisions: reader.input(ZCalendarNameInput).query(({ ctx, input }) => listCalendarRevisions(ctx, input)),
  current: reader.input(ZCurrentCalendarsInput).query(({ ctx, input }) => currentCalendars(ctx, input)),
  /** Changes nothing: what a file would become, for the person to see before saving. */
  importIcs: reader.input(ZImportIcsInput).mutation(({ ctx, input }) => importIcsPreview(ctx, input)),
  exportIcs: reader.input(ZCalendarRefInput).query(({ ctx, input }) => exportCalendarIcs(ctx, input)),
  preview12Months: reader.input(ZPreviewCalendarInput).query(({ ctx, input }) => previewTwelveMonths(ctx, input)),

  save: editor.input(ZSaveCalendarInput).mutation(({ ctx, input }) => saveCalendar(ctx, input)),
  delete: editor.input(ZDeleteCalendarInput).mutation(({ ctx, input }) => deleteCalendar(ctx, input)),
});
