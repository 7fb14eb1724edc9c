import { z } from 'zod';
import { KeySchema } from '../document/common.js';
import { assertNever } from '../util/assert-never.js';
import { defineNode } from './types.js';
import { because } from '../interpreter/reasons.js';

/** The outlet for callers on none of the lists. */
export const CALLER_ROUTING_DEFAULT_OUTLET = 'default';

const SEPARATORS = /[\s\-().]/g;
const NUMBER = /^\+?\d{1,20}$/;

/** Strip what people type between digits (spaces, dashes, dots, parentheses): `+44 (20) 7946-0000` → `+442079460000`. */
export function normaliseNumber(text: string): string {
  return text.replace(SEPARATORS, '');
}

export const CallerListSchema = z.object({
  /** Outlet name for callers on this list. */
  key: KeySchema,
  label: z.string().min(1, 'must not be empty').max(60),
  /** Exact numbers, e.g. `+441632960000`. */
  numbers: z.array(z.string().max(40)).max(50_000).default([]),
  /** Number beginnings, e.g. `+44` for UK callers. */
  prefixes: z.array(z.string().max(40)).max(5_000).default([]),
});
export type CallerList = z.infer<typeof CallerListSchema>;

export const CallerRoutingDataSchema = z.object({
  /** What to match: the caller's number, the dialled number, or a channel variable (e.g. a CRM tag set upstream). */
  matchOn: z.enum(['caller', 'dialled', 'channel']).default('caller'),
  /** Channel variable to match when `matchOn` is `channel`. */
  channelVariable: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a channel variable name').optional(),
  /** Checked in order; the first list that matches wins. */
  lists: z.array(CallerListSchema).max(50),
});
export type CallerRoutingData = z.infer<typeof CallerRoutingDataSchema>;

interface CallerRoutingConfig {
  matchOn: CallerRoutingData['matchOn'];
  channelVariable: string | null;
  keys: string[];
  /** Normalised number → index of the first list holding it. A JSON object: a hash lookup at step time. */
  exact: Record<string, number>;
  /** Normalised prefix → index of the first list holding it. */
  prefixes: Record<string, number>;
  /** Distinct prefix lengths, ascending: a lookup tries one slice per length, not one comparison per prefix. */
  prefixLengths: number[];
}

/** Index of the first list that matches `value`, or -1. */
function matchList(config: CallerRoutingConfig, value: string): number {
  const number = normaliseNumber(value);
  let best = Object.prototype.hasOwnProperty.call(config.exact, number) ? (config.exact[number] as number) : -1;
  const lengths = config.prefixLengths;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] as number;
    if (length > number.length) break;
    const prefix = number.slice(0, length);
    if (Object.prototype.hasOwnProperty.call(config.prefixes, prefix)) {
      const list = config.prefixes[prefix] as number;
      if (best < 0 || list < best) best = list;
    }
  }
  return best;
}

function valueToMatch(config: CallerRoutingConfig, call: { caller: string; dialled: string; channel: Record<string, string> }): string {
  switch (config.matchOn) {
    case 'caller':
      return call.caller;
    case 'dialled':
      return call.dialled;
    case 'channel':
      return config.channelVariable === null ? '' : (call.channel[config.channelVariable] ?? '');
    default:
      return assertNever(config.matchOn, 'caller routing match');
  }
}

/**
 * Routes by who is calling: ordered lists of exact numbers and prefixes (VIP, blocked, `+44` for UK callers).
 * The first list that matches wins; callers on no list leave by `default`.
 */
export const callerRoutingNode = defineNode({
  type: 'callerRouting',
  title: 'Caller routing',
  description: 'Routes callers by number: VIP and blocked lists, country prefixes. The first matching list wins.',
  category: 'routing',
  dataSchema: CallerRoutingDataSchema,
  defaults: () => ({
    matchOn: 'caller' as const,
    lists: [{ key: 'vip', label: 'VIP callers', numbers: [], prefixes: [] }],
  }),
  outlets: (data) => [
    ...data.lists.map((list) => ({ name: list.key, label: list.label })),
    { name: CALLER_ROUTING_DEFAULT_OUTLET, label: 'Everyone else' },
  ],
  callerFacing: false,
  waitsForCaller: false,
  requirements: () => [],
  compile: (data, ctx): CallerRoutingConfig => {
    const exact: Record<string, number> = {};
    const prefixes: Record<string, number> = {};
    const lengths = new Set<number>();
    const keyIndex = new Map<string, number>();
    data.lists.forEach((list, index) => {
      const path = `lists[${index}]`;
      const first = keyIndex.get(list.key);
      if (list.key === CALLER_ROUTING_DEFAULT_OUTLET) {
        ctx.report('SB141.reservedListKey', `${path}.key`, { key: CALLER_ROUTING_DEFAULT_OUTLET });
      } else if (first !== undefined) {
        ctx.report('SB141.duplicateListKey', `${path}.key`, { key: list.key, first: first + 1, second: index + 1 });
      } else keyIndex.set(list.key, index);
      if (list.numbers.length === 0 && list.prefixes.length === 0) {
        ctx.report('SB143.emptyList', path, { list: list.label });
      }
      list.numbers.forEach((raw, n) => {
        const number = normaliseNumber(raw);
        if (!NUMBER.test(number)) ctx.report('SB142.notANumber', `${path}.numbers[${n}]`, { number: raw });
        else if (!Object.prototype.hasOwnProperty.call(exact, number)) exact[number] = index;
      });
      list.prefixes.forEach((raw, n) => {
        const prefix = normaliseNumber(raw);
        if (!NUMBER.test(prefix)) ctx.report('SB142.notAPrefix', `${path}.prefixes[${n}]`, { prefix: raw });
        else if (!Object.prototype.hasOwnProperty.call(prefixes, prefix)) {
          prefixes[prefix] = index;
          lengths.add(prefix.length);
        }
      });
    });
    if (data.lists.length === 0) ctx.report('SB143.noLists', 'lists', {});
    const channelVariable = data.channelVariable ?? null;
    if (data.matchOn === 'channel' && channelVariable === null) {
      ctx.report('SB144.noChannelVariable', 'channelVariable', {});
    }
    return {
      matchOn: data.matchOn,
      channelVariable,
      keys: data.lists.map((list) => list.key),
      exact,
      prefixes,
      prefixLengths: [...lengths].sort((a, b) => a - b),
    };
  },
  enter: (node, ctx) => {
    const config = node.config;
    const value = valueToMatch(config, ctx.state.call);
    const list = matchList(config, value);
    if (list < 0) return { kind: 'next', outlet: CALLER_ROUTING_DEFAULT_OUTLET, ...because('callerRouting.onNoList', { value }) };
    const key = config.keys[list] as string;
    return { kind: 'next', outlet: key, ...because('callerRouting.onList', { value, list: key }) };
  },
});
