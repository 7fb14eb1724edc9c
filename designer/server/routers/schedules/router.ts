import { requirePermission, router } from "../../trpc.js";
import { ZCancelScheduleInput, ZCreateScheduleInput, ZSetTimeZoneInput, ZTimelineInput, ZUpdateScheduleInput } from "./inputs.js";
import { cancelSchedule, createSchedule, setTimeZone, timeline, updateSchedule } from "./schedules.handler.js";

export const schedulesRouter = router({
  timeline: requirePermission("readFlows").input(ZTimelineInput).query(({ ctx, input }) => timeline(ctx, input)),
  create: requirePermission("scheduleVersions").input(ZCreateScheduleInput).mutation(({ ctx, input }) => createSchedule(ctx, input)),
  update: requirePermission("scheduleVersions").input(ZUpdateScheduleInput).mutation(({ ctx, input }) => updateSchedule(ctx, input)),
  cancel: requirePermission("scheduleVersions").input(ZCancelScheduleInput).mutation(({ ctx, input }) => cancelSchedule(ctx, input)),
  setTimeZone: requirePermission("scheduleVersions").input(ZSetTimeZoneInput).mutation(({ ctx, input }) => setTimeZone(ctx, input)),
});
