import { z } from "zod";

/** Longest period one search may cover (as long as call records may be kept). */
const MAX_SEARCH_DAYS = 3650;

/** Where the next page starts: the last call shown (`<started_at ISO>|<id>`), newest first. */
const ZCursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/i, "must be the cursor of the previous page");

export const ZSearchCallsInput = z
  .object({
    environment: z.enum(["staging", "production"]),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    flowName: z.string().min(1).max(200).optional(),
    versionId: z.uuid().optional(),
    outcome: z.string().min(1).max(40).optional(),
    /** The caller's full number (spaces, dots and dashes are ignored). */
    callerNumber: z.string().min(1).max(60).optional(),
    pageSize: z.number().int().min(1).max(200).default(50),
    cursor: ZCursor.optional(),
  })
  .refine((input) => Date.parse(input.from) < Date.parse(input.to), { message: "from must be before to", path: ["to"] })
  .refine((input) => Date.parse(input.to) - Date.parse(input.from) <= MAX_SEARCH_DAYS * 86_400_000, { message: `a search covers at most ${MAX_SEARCH_DAYS} days`, path: ["to"] });
export type SearchCallsInput = z.infer<typeof ZSearchCallsInput>;

export const ZCallRefInput = z.object({ callId: z.string().min(1).max(200) });
export type CallRefInput = z.infer<typeof ZCallRefInput>;

export const ZSaveCallAsScenarioInput = z.object({
  callId: z.string().min(1).max(200),
  /** The scenario's name; unique within the flow (SB011). */
  name: z.string().trim().min(1).max(120),
});
export type SaveCallAsScenarioInput = z.infer<typeof ZSaveCallAsScenarioInput>;

/** Shortest and longest retention: a week of repeat-caller look-back needs the calls, ten years is plenty. */
export const RETENTION_DAYS = { min: 30, max: 3650 } as const;

export const ZSetRetentionInput = z.object({ retentionDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max) });
export type SetRetentionInput = z.infer<typeof ZSetRetentionInput>;
