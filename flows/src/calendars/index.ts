/** Shared holiday calendars: model, compilation to lookup tables, evaluation, preview and iCalendar exchange. */
export * from './schema.js';
export * from './compiled.js';
export { compileCalendar, parseCalendar, describeEntryEffect, MAX_RANGE_DAYS, type CalendarCompileResult } from './compile.js';
export { decidingCalendarEntry, calendarEntryIndexOn, type CalendarHit } from './evaluate.js';
export { calendarReferences, checkCalendarReferences, compiledCalendarNames, type CalendarReference } from './references.js';
export { WEEKDAYS, type Weekday } from './day-numbers.js';
export { previewCalendar, type PreviewDay } from './preview.js';
export { importIcs, describeEntry, type IcsImportOptions, type IcsImportResult, type IcsWarning, type UnderstoodEvent } from './ics/import.js';
export { exportIcs } from './ics/export.js';
