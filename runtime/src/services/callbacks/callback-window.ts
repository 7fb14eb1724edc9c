import { DateTime, IANAZone } from 'luxon';
import type { CallbackRequest } from '../contracts.js';

/** When a callback may be placed: every listed ISO weekday (1 = Monday) from startMinute to endMinute, local time. */
export type CallbackWindowRule = NonNullable<CallbackRequest['window']>;

/** One opening of a window, in epoch ms: [start, end). */
export interface WindowOpening {
  start: number;
  end: number;
}

/** Why a rule can never open (the flow's schema should prevent these; data from elsewhere might not). */
export function windowRuleProblem(rule: CallbackWindowRule): string | null {
  if (!IANAZone.isValidZone(rule.timezone)) return `unknown time zone "${rule.timezone}"`;
  if (!rule.days.some((d) => Number.isInteger(d) && d >= 1 && d <= 7)) return 'the window lists no weekday';
  const minute = (m: number) => Number.isInteger(m) && m >= 0 && m <= 24 * 60;
  if (!minute(rule.startMinute) || !minute(rule.endMinute)) return 'window minutes must be 0–1440';
  return null;
}

/**
 * The first opening of `rule` that has not ended at `at`: the current one if the window is open now. An
 * `endMinute` at or before `startMinute` runs past midnight (22:00–02:00 belongs to the day it starts), and
 * equal minutes mean the whole day. Local times that do not exist on a daylight-saving day move forward, as
 * luxon resolves them. Null when the rule never opens.
 */
export function nextOpening(rule: CallbackWindowRule, at: number): WindowOpening | null {
  if (windowRuleProblem(rule) !== null) return null;
  const zone = rule.timezone;
  const today = DateTime.fromMillis(at, { zone }).startOf('day');
  // From yesterday (its overnight window may still be open) through 8 days ahead covers every weekday once.
  for (let offset = -1; offset <= 8; offset++) {
    const day = today.plus({ days: offset });
    if (!rule.days.includes(day.weekday)) continue;
    const start = day.plus({ minutes: rule.startMinute });
    const endDay = rule.endMinute > rule.startMinute ? day : day.plus({ days: 1 });
    const end = endDay.plus({ minutes: rule.endMinute });
    if (end.toMillis() > at) return { start: start.toMillis(), end: end.toMillis() };
  }
  return null;
}
