import { z } from 'zod';
import { WEEKDAYS } from './day-numbers.js';

/** The shape only; compiling checks the values (SB121/SB127) so a typo gets a precise diagnostic, not a parse error. */
export const ClockTimeSchema = z.string().regex(/^\d{1,2}:\d{2}$/, 'must be a time HH:MM');

export const OpeningHoursSchema = z.object({
  open: ClockTimeSchema,
  /** `24:00` closes at midnight; a time earlier than `open` closes the next day (weekly hours only). */
  close: ClockTimeSchema,
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

/** A calendar's name is how schedules refer to it (`CN-2027`, `Company holidays`); never a database id. */
export const CalendarNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._()-]*$/u, 'must start with a letter or digit and use only letters, digits, spaces, ".", "_", "-" and brackets');

/** `YYYY-MM-DD` for one date, `MM-DD` for every year; compiling checks it is a real date (SB126). */
const CalendarDateSchema = z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD (once) or MM-DD (every year)');

const entryBase = {
  /** What people call the day: `Spring Festival`, `Christmas Eve`. Shown in decisions and transcripts. */
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  /** The first (or only) day: `2027-02-06` once, `12-24` every year. */
  date: CalendarDateSchema,
  /** Last day of a range, inclusive, written like `date` (both with a year, or both without). May cross a year end. */
  until: CalendarDateSchema.optional(),
};

export const WeekdaySchema = z.enum(WEEKDAYS);

/**
 * One entry of a calendar. `closed`: closed all day. `hours`: open only within `hours` that day (special hours,
 * "09:00–15:00 on 24 Dec"). `workday`: a make-up working day (a weekend day that is worked) — open as the
 * schedule is on weekday `as`, or within explicit `hours`.
 */
export const CalendarEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('closed'), ...entryBase }),
  z.object({ kind: z.literal('hours'), ...entryBase, hours: z.array(OpeningHoursSchema).min(1, 'special hours need at least one open–close range (use kind "closed" for a day off)').max(12) }),
  z.object({ kind: z.literal('workday'), ...entryBase, as: WeekdaySchema.optional(), hours: z.array(OpeningHoursSchema).max(12).optional() }),
]);
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;
export type CalendarEntryKind = CalendarEntry['kind'];

export const CALENDAR_SCHEMA_VERSION = 1;

/** A calendar as saved (one revision's document). No cap on the number of entries. */
export const CalendarDocumentSchema = z.object({
  schemaVersion: z.literal(CALENDAR_SCHEMA_VERSION).default(CALENDAR_SCHEMA_VERSION),
  name: CalendarNameSchema,
  /** IANA time zone the dates and hours are read in, e.g. `Asia/Shanghai`. */
  timezone: z.string().min(1, 'must not be empty').max(64),
  description: z.string().max(2000).default(''),
  entries: z.array(CalendarEntrySchema).default([]),
});
export type CalendarDocument = z.infer<typeof CalendarDocumentSchema>;
export type CalendarDocumentInput = z.input<typeof CalendarDocumentSchema>;
