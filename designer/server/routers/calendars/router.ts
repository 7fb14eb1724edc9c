import { requirePermission, router } from "../../trpc.js";
import { currentCalendars, deleteCalendar, getCalendar, listCalendarRevisions, listCalendars, saveCalendar } from "./calendars.handler.js";
import { ZCalendarNameInput, ZCalendarRefInput, ZCurrentCalendarsInput, ZDeleteCalendarInput, ZSaveCalendarInput } from "./inputs.js";

const reader = requirePermission("readCalendars");
const editor = requirePermission("editCalendars");

export const calendarsRouter = router({
  list: reader.query(({ ctx }) => listCalendars(ctx)),
  get: reader.input(ZCalendarRefInput).query(({ ctx, input }) => getCalendar(ctx, input)),
  revisions: reader.input(ZCalendarNameInput).query(({ ctx, input }) => listCalendarRevisions(ctx, input)),
  current: reader.input(ZCurrentCalendarsInput).query(({ ctx, input }) => currentCalendars(ctx, input)),

  save: editor.input(ZSaveCalendarInput).mutation(({ ctx, input }) => saveCalendar(ctx, input)),
  delete: editor.input(ZDeleteCalendarInput).mutation(({ ctx, input }) => deleteCalendar(ctx, input)),
});
