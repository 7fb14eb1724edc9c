import { z } from "zod";
import { address, environment } from "../deployments/inputs.js";

/** Wall-clock time in the binding's time zone. */
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "must be a local date and time such as 2026-12-24T00:00");

export const ZTimelineInput = z.object({ address, environment });
export const ZCreateScheduleInput = z.object({
  address,
  environment,
  flowName: z.string().min(1).max(200),
  versionNumber: z.number().int().positive(),
  /** Wall-clock start in the binding's time zone. */
  startsAt: localTime,
  /** Wall-clock end in the binding's time zone; absent: the version stays live (no revert). */
  endsAt: localTime.nullish(),
  reason: z.string().trim().max(500).default(""),
});
export const ZUpdateScheduleInput = z.object({
  id: z.uuid(),
  startsAt: localTime.optional(),
  /** null removes the end (no revert). */
  endsAt: localTime.nullish(),
  reason: z.string().trim().max(500).optional(),
});
export const ZCancelScheduleInput = z.object({ id: z.uuid(), reason: z.string().trim().max(500).default("") });
export const ZSetTimeZoneInput = z.object({
  address,
  environment,
  /** IANA zone; null goes back to the default (the live flow's schedule zone, else UTC). */
  timeZone: z.string().trim().min(1).max(64).nullable(),
});

export type TimelineInput = z.infer<typeof ZTimelineInput>;
export type CreateScheduleInput = z.infer<typeof ZCreateScheduleInput>;
export type UpdateScheduleInput = z.infer<typeof ZUpdateScheduleInput>;
export type CancelScheduleInput = z.infer<typeof ZCancelScheduleInput>;
export type SetTimeZoneInput = z.infer<typeof ZSetTimeZoneInput>;
