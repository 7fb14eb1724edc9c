import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { DateTime } from 'luxon';
import { canonicalTimeZone, isKnownTimeZone } from '../util/time-zone.js';
import { z } from 'zod';
import { DtmfKeySchema, OptionalPromptSchema, PromptSchema, TimeOfDaySchema, type Prompt } from '../document/common.js';
import type { CallbackWindow, Effect, ResolvedPrompt } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import { assertNever } from '../util/assert-never.js';
import { defineNode, type NodeOutcome, type RuntimeNode, type StepContext } from './types.js';
import { promptsRequirements, uniqueRequirements } from '../switch/requirements.js';
import { because, type Because, type Said } from '../interpreter/reasons.js';

const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*(@[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;

/** Placeholders the callback prompts may use besides the flow's variables. */
export const CALLBACK_PROMPT_NAMES = ['number', 'confirmKey', 'changeKey', 'declineKey'] as const;

export const CallbackWindowSchema = z.object({
  timezone: z.string().min(1).max(64),
  start: TimeOfDaySchema,
  end: TimeOfDaySchema,
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
});

export const CallbackDataSchema = z.object({
  /** The queue to call back from; empty means the queue the caller last waited in. */
  queue: z.string().max(100).default(''),
  /** The caller keeps their place: the callback is queued with the time they had already waited. */
  keepPlace: z.boolean().default(true),
  /** Callback priority; the last queue's priority when absent. */
  priority: z.number().int().min(0).max(100).optional(),
  /** Read back the caller's number, e.g. "We will call you back on ${number}. To confirm, press ${confirmKey}…". */
  confirmPrompt: PromptSchema,
  /** Asks for another number (ended by the # key). */
  enterNumberPrompt: PromptSchema,
  /** Played once the callback is booked. */
  scheduledPrompt: OptionalPromptSchema,
  /** Played when the callback could not be booked. */
  failedPrompt: OptionalPromptSchema,
  /** Played when the number already has a callback waiting (the switch says `alreadyScheduled`). */
  alreadyScheduledPrompt: OptionalPromptSchema,
  noInputPrompt: OptionalPromptSchema,
  invalidPrompt: OptionalPromptSchema,
  confirmKey: DtmfKeySchema.default('1'),
  changeKey: DtmfKeySchema.default('2'),
  /** Key to say no to the callback (e.g. to keep waiting in the queue). */
  declineKey: DtmfKeySchema.optional(),
  minDigits: z.number().int().min(3).max(15).default(7),
  maxDigits: z.number().int().min(3).max(15).default(15),
  timeoutSeconds: z.number().int().min(1).max(60).default(6),
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** When callbacks may be placed; any time when absent. */
  window: CallbackWindowSchema.optional(),
});
export type CallbackData = z.infer<typeof CallbackDataSchema>;

interface CallbackConfig {
  queue: string | null;
  keepPlace: boolean;
  priority: number | null;
  confirmPrompt: Prompt;
  enterNumberPrompt: Prompt;
  scheduledPrompt: Prompt | null;
  failedPrompt: Prompt | null;
  alreadyScheduledPrompt: Prompt | null;
  noInputPrompt: Prompt | null;
  invalidPrompt: Prompt | null;
  confirmKey: string;
  changeKey: string;
  declineKey: string | null;
  minDigits: number;
  maxDigits: number;
  timeoutMs: number;
  maxRetries: number;
  window: CallbackWindow | null;
}

type CallbackLocal =
  | { phase: 'confirm' | 'enter'; number: string; failures: number }
  | { phase: 'schedule'; number: string }
  | { phase: 'closing'; number: string; outlet: 'scheduled' | 'failed'; reason: string; said?: Said };

function minuteOfDay(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** A number the switch can dial: digits with an optional leading +. */
function dialable(raw: string): string {
  const trimmed = raw.replace(/[\s().-]/g, '');
  return /^\+?[0-9]+$/.test(trimmed) ? trimmed : '';
}

function digitCount(number: string): number {
  return number.startsWith('+') ? number.length - 1 : number.length;
}

/**
 * Read a number back the way its owner writes it: a number in international form (the caller id) in its
 * country's national format, digit by digit in its usual groups (+44 7700 900123 → "0 7 7 0 0, 9 0 0 1 2 3"),
 * not with the country code nobody dials at home; anything else digit by digit as entered.
 */
export function spokenNumber(number: string): string {
  const digits = (text: string) => text.split('').join(' ');
  const parsed = number.startsWith('+') ? parsePhoneNumberFromString(number) : undefined;
  if (!parsed?.isPossible()) return digits(number.replace(/^\+/, ''));
  return (parsed.formatNational().match(/[0-9]+/g) ?? []).map(digits).join(', ');
}

function names(config: CallbackConfig, number: string) {
  return { number: spokenNumber(number), confirmKey: config.confirmKey, changeKey: config.changeKey, declineKey: config.declineKey ?? '' };
}

function ask(config: CallbackConfig, ctx: StepContext, local: Extract<CallbackLocal, { phase: 'confirm' | 'enter' }>, apology: Prompt | null): NodeOutcome {
  const values = names(config, local.number);
  const prompts: ResolvedPrompt[] = [];
  if (apology) prompts.push(ctx.resolvePrompt(apology, values));
  const confirm = local.phase === 'confirm';
  prompts.push(ctx.resolvePrompt(confirm ? config.confirmPrompt : config.enterNumberPrompt, values));
  const effect: Effect = {
    kind: 'collectDigits',
    prompts,
    minDigits: confirm ? 1 : config.minDigits,
    maxDigits: confirm ? 1 : config.maxDigits,
    timeoutMs: config.timeoutMs,
    interDigitTimeoutMs: confirm ? config.timeoutMs : 3000,
    terminator: confirm ? null : '#',
    pattern: null,
  };
  return { kind: 'wait', effects: [effect], local };
}

function retry(config: CallbackConfig, ctx: StepContext, local: Extract<CallbackLocal, { phase: 'confirm' | 'enter' }>, failure: 'noInput' | 'invalid'): NodeOutcome {
  const failures = local.failures + 1;
  if (failures > config.maxRetries) return { kind: 'next', outlet: 'declined', inputFailed: true, ...(failure === 'noInput' ? because('input.noInput', { tries: failures }) : because('input.invalid', { tries: failures })) };
  return ask(config, ctx, { ...local, failures }, failure === 'noInput' ? config.noInputPrompt : config.invalidPrompt);
}

function schedule(config: CallbackConfig, ctx: StepContext, number: string): NodeOutcome {
  const last = ctx.state.lastQueue;
  const queue = config.queue ?? last?.name ?? null;
  if (queue === null) return closing(config, ctx, number, 'failed', config.failedPrompt, because('callback.noQueue'));
  const sameQueue = last !== null && last.name === queue;
  const originalWaitSeconds = sameQueue && config.keepPlace ? Math.max(0, Math.round(((last.leftAt ?? ctx.now) - last.joinedAt) / 1000)) : 0;
  const effect: Effect = {
    kind: 'scheduleCallback',
    queue,
    number,
    keepPlace: config.keepPlace,
    originalWaitSeconds,
    priority: config.priority ?? (sameQueue ? last.priority : 0),
    window: config.window,
  };
  return { kind: 'wait', effects: [effect], local: { phase: 'schedule', number } satisfies CallbackLocal };
}

/** Tell the caller how it went, then leave by `outlet`. */
function closing(config: CallbackConfig, ctx: StepContext, number: string, outlet: 'scheduled' | 'failed', prompt: Prompt | null, why: Because): NodeOutcome {
  const { reason, said } = why;
  if (!prompt) return { kind: 'next', outlet, reason, said };
  return {
    kind: 'wait',
    effects: [{ kind: 'play', prompt: ctx.resolvePrompt(prompt, names(config, number)), bargeIn: false }],
    local: { phase: 'closing', number, outlet, reason, said } satisfies CallbackLocal,
  };
}

function onScheduleEvent(config: CallbackConfig, ctx: StepContext, number: string, event: CallEvent): NodeOutcome {
  switch (event.type) {
    case 'callbackResult':
      if (event.ok) {
        ctx.recordOutcome('callbackScheduled');
        return closing(config, ctx, number, 'scheduled', config.scheduledPrompt, because('callback.booked'));
      }
      // The number already has a callback waiting: this request collapsed into it, so the caller is booked
      // (with the earlier place) and leaves by `scheduled`, not by the failure route (voicemail, say).
      if (event.reason === 'alreadyScheduled') {
        ctx.recordOutcome('callbackScheduled');
        return closing(config, ctx, number, 'scheduled', config.alreadyScheduledPrompt ?? config.scheduledPrompt, because('callback.joinedEarlier'));
      }
      return closing(config, ctx, number, 'failed', config.failedPrompt, event.error ? because('callback.refusedError', { error: event.error }) : because('callback.refused'));
    case 'effectFailed':
      return closing(config, ctx, number, 'failed', config.failedPrompt, because('callback.failed', { message: event.message }));
    default:
      return { kind: 'ignore' };
  }
}

function onKeypad(node: RuntimeNode<CallbackConfig>, local: Extract<CallbackLocal, { phase: 'confirm' | 'enter' }>, event: CallEvent, ctx: StepContext): NodeOutcome {
  const config = node.config;
  if (event.type === 'noInput' || event.type === 'effectFailed') return retry(config, ctx, local, 'noInput');
  if (event.type !== 'digits') return { kind: 'ignore' };
  const entry = typeof event.digits === 'string' ? event.digits : '';
  if (local.phase === 'confirm') {
    const key = entry.charAt(0);
    if (key === config.confirmKey) return schedule(config, ctx, local.number);
    if (key === config.changeKey) return ask(config, ctx, { phase: 'enter', number: local.number, failures: 0 }, null);
    if (config.declineKey !== null && key === config.declineKey) return { kind: 'next', outlet: 'declined' };
    return retry(config, ctx, local, 'invalid');
  }
  const entered = entry.replace(/#$/, '');
  const count = entered.length;
  if (!/^[0-9]+$/.test(entered) || count < config.minDigits || count > config.maxDigits) return retry(config, ctx, local, 'invalid');
  // Read the new number back before booking: a mistyped callback number is a lost customer.
  return ask(config, ctx, { phase: 'confirm', number: entered, failures: 0 }, null);
}

/**
 * Keep-your-place callback: confirms the caller's number (or collects another), books a callback that keeps the
 * time already waited in the queue, within an optional callback window, and confirms it to the caller.
 */
export const callbackNode = defineNode({
  type: 'callback',
  title: 'Callback',
  description: 'Books a callback that keeps the caller\'s place in the queue, on their number or another one.',
  category: 'queue',
  dataSchema: CallbackDataSchema,
  defaults: () => ({
    queue: '',
    keepPlace: true,
    confirmPrompt: { text: { en: 'We will call you back on ${number}. To confirm, press ${confirmKey}. To enter another number, press ${changeKey}.' } },
    enterNumberPrompt: { text: { en: 'Please enter the number we should call, followed by the hash key.' } },
    scheduledPrompt: { text: { en: 'Thank you. You keep your place in the queue, and we will call you back on ${number} when it is your turn. Goodbye.' } },
    failedPrompt: { text: { en: 'Sorry, we could not book your callback.' } },
    alreadyScheduledPrompt: { text: { en: 'You already have a callback booked. We will call you as soon as it is your turn.' } },
    confirmKey: '1' as const,
    changeKey: '2' as const,
    minDigits: 7,
    maxDigits: 15,
    timeoutSeconds: 6,
    maxRetries: 2,
  }),
  outlets: () => [
    { name: 'scheduled', label: 'Scheduled' },
    { name: 'declined', label: 'Declined / no input' },
    { name: 'failed', label: 'Failed' },
  ],
  callerFacing: true,
  waitsForCaller: true,
  promptPlaceholders: CALLBACK_PROMPT_NAMES,
  // A callback without its own queue re-enters the caller's last queue, which that queue node declares.
  requirements: (config: CallbackConfig) =>
    uniqueRequirements([
      { kind: 'callback' },
      ...(config.queue === null ? [] : [{ kind: 'queue' as const, queue: config.queue }]),
      ...promptsRequirements([
        config.confirmPrompt,
        config.enterNumberPrompt,
        config.scheduledPrompt,
        config.failedPrompt,
        config.alreadyScheduledPrompt,
        config.noInputPrompt,
        config.invalidPrompt,
      ]),
    ]),
  compile: (data, ctx): CallbackConfig => {
    const extraNames = CALLBACK_PROMPT_NAMES;
    ctx.checkPrompt(data.confirmPrompt, 'confirmPrompt', { required: true, extraNames });
    ctx.checkPrompt(data.enterNumberPrompt, 'enterNumberPrompt', { required: true, extraNames });
    for (const field of ['scheduledPrompt', 'failedPrompt', 'alreadyScheduledPrompt', 'noInputPrompt', 'invalidPrompt'] as const) {
      const prompt = data[field];
      if (prompt) ctx.checkPrompt(prompt, field, { required: true, extraNames });
    }
    if (data.queue !== '' && !QUEUE_NAME.test(data.queue)) ctx.report('SB160.queueName', 'queue', { queue: data.queue });
    if (data.minDigits > data.maxDigits) ctx.report('SB160.digitRange', 'minDigits', { min: data.minDigits, max: data.maxDigits });
    if (data.changeKey === data.confirmKey) ctx.report('SB160.changeKeyIsConfirmKey', 'changeKey', { key: data.changeKey });
    if (data.declineKey !== undefined && (data.declineKey === data.confirmKey || data.declineKey === data.changeKey)) {
      ctx.report('SB160.declineKeyTaken', 'declineKey', { key: data.declineKey });
    }
    let window: CallbackWindow | null = null;
    if (data.window) {
      const { timezone, start, end, days } = data.window;
      let ok = true;
      if (!isKnownTimeZone(timezone)) {
        ctx.report('SB160.unknownTimezone', 'window.timezone', { timezone });
        ok = false;
      }
      if (minuteOfDay(end) <= minuteOfDay(start)) {
        ctx.report('SB160.windowEndsBeforeStart', 'window.end', { end, start });
        ok = false;
      }
      if (days.length === 0) {
        ctx.report('SB160.windowWithoutDays', 'window.days', {});
        ok = false;
      }
      if (ok) window = { timezone: canonicalTimeZone(timezone) ?? timezone, startMinute: minuteOfDay(start), endMinute: minuteOfDay(end), days: [...new Set(days)].sort((a, b) => a - b) };
    }
    return {
      queue: data.queue === '' ? null : data.queue,
      keepPlace: data.keepPlace,
      priority: data.priority ?? null,
      confirmPrompt: data.confirmPrompt,
      enterNumberPrompt: data.enterNumberPrompt,
      scheduledPrompt: data.scheduledPrompt ?? null,
      failedPrompt: data.failedPrompt ?? null,
      alreadyScheduledPrompt: data.alreadyScheduledPrompt ?? null,
      noInputPrompt: data.noInputPrompt ?? null,
      invalidPrompt: data.invalidPrompt ?? null,
      confirmKey: data.confirmKey,
      changeKey: data.changeKey,
      declineKey: data.declineKey ?? null,
      minDigits: data.minDigits,
      maxDigits: data.maxDigits,
      timeoutMs: data.timeoutSeconds * 1000,
      maxRetries: data.maxRetries,
      window,
    };
  },
  enter: (node, ctx) => {
    const config = node.config;
    const number = dialable(ctx.state.call.caller);
    const known = number !== '' && digitCount(number) >= config.minDigits && digitCount(number) <= config.maxDigits;
    // Withheld or odd caller ids cannot be confirmed: ask for the number straight away.
    return ask(config, ctx, { phase: known ? 'confirm' : 'enter', number, failures: 0 }, null);
  },
  resume: (node, raw, event, ctx) => {
    const local = raw as CallbackLocal;
    switch (local.phase) {
      case 'confirm':
      case 'enter':
        return onKeypad(node, local, event, ctx);
      case 'schedule':
        return onScheduleEvent(node.config, ctx, local.number, event);
      case 'closing':
        return event.type === 'promptFinished' || event.type === 'effectFailed' ? { kind: 'next', outlet: local.outlet, reason: local.reason, ...(local.said ? { said: local.said } : {}) } : { kind: 'ignore' };
      default:
        return assertNever(local, 'callback phase');
    }
  },
});

/** Whether `at` (epoch ms) falls inside a callback window; for simulators and runtimes placing callbacks. */
export function insideCallbackWindow(window: CallbackWindow, at: number): boolean {
  const local = DateTime.fromMillis(at, { zone: window.timezone });
  const minute = local.hour * 60 + local.minute;
  return window.days.includes(local.weekday) && minute >= window.startMinute && minute < window.endMinute;
}
