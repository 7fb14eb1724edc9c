import { ANSWER_WAIT_BUCKETS_SECONDS } from "@switchboard/db";
import { z } from "zod";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Longest period one query may cover (the rollups are hourly: 400 days ≈ 9,600 hours per key). */
const MAX_PERIOD_DAYS = 400;

export const ZPeriod = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((p) => Date.parse(p.from) < Date.parse(p.to), { message: "from must be before to", path: ["to"] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= MAX_PERIOD_DAYS * 86_400_000, { message: `a period covers at most ${MAX_PERIOD_DAYS} days`, path: ["to"] });
export type Period = z.infer<typeof ZPeriod>;

/** Which calls: one environment, optionally one flow, version, number (address) and queue. */
export const ZCallFilter = z.object({
  environment: z.enum(["staging", "production"]),
  flowName: z.string().max(200).optional(),
  versionId: z.uuid().optional(),
  address: z.string().max(200).optional(),
  queue: z.string().max(200).optional(),
});
export type CallFilter = z.infer<typeof ZCallFilter>;

const ZServiceLevelSeconds = z
  .number()
  .int()
  .refine((seconds) => ANSWER_WAIT_BUCKETS_SECONDS.includes(seconds), {
    message: `service level is measured at ${ANSWER_WAIT_BUCKETS_SECONDS.join(", ")} seconds (the speed-of-answer buckets)`,
  });

export const ZKpiInput = ZCallFilter.extend({
  period: ZPeriod,
  /** The period to compare with (e.g. the week before); none when absent. */
  compareWith: ZPeriod.optional(),
  /** Service level: answered within this many seconds. */
  serviceLevelSeconds: ZServiceLevelSeconds.default(20),
});
export type KpiInput = z.infer<typeof ZKpiInput>;

export const ZSeriesInput = ZCallFilter.extend({
  period: ZPeriod,
  bucket: z.enum(["hour", "day"]),
  /** IANA time zone the days are cut in (the viewer's). */
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .refine(isTimeZone, { message: "must be an IANA time zone such as Europe/London" })
    .default("UTC"),
});
export type SeriesInput = z.infer<typeof ZSeriesInput>;

export const ZBreakdownInput = ZCallFilter.extend({
  period: ZPeriod,
  by: z.enum(["flow", "address", "queue", "version"]),
  serviceLevelSeconds: ZServiceLevelSeconds.default(20),
});
export type BreakdownInput = z.infer<typeof ZBreakdownInput>;

/** The branches of one split node of a flow (one version or all): the KPIs of the calls that took each. */
export const ZSplitBranchesInput = z.object({
  environment: z.enum(["staging", "production"]),
  flowName: z.string().min(1).max(200),
  versionId: z.uuid().optional(),
  nodeId: z.string().min(1).max(200),
  period: ZPeriod,
  serviceLevelSeconds: ZServiceLevelSeconds.default(20),
});
export type SplitBranchesInput = z.infer<typeof ZSplitBranchesInput>;

export const ZDimensionsInput = z.object({ environment: z.enum(["staging", "production"]), period: ZPeriod });
export type DimensionsInput = z.infer<typeof ZDimensionsInput>;

export const ZNodeDropOffInput = z.object({
  environment: z.enum(["staging", "production"]),
  flowName: z.string().min(1).max(200),
  versionId: z.uuid().optional(),
  period: ZPeriod,
});
export type NodeDropOffInput = z.infer<typeof ZNodeDropOffInput>;

export const ZLiveInput = z.object({ environment: z.enum(["staging", "production"]) });
export type LiveInput = z.infer<typeof ZLiveInput>;
