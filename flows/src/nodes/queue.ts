import { z } from 'zod';
import { DtmfKeySchema, OptionalPromptSchema, type Prompt, type VariableValue } from '../document/common.js';
import type { Effect } from '../interpreter/effects.js';
import type { CallEvent, QueueExitReason } from '../interpreter/events.js';
import { assertNever } from '../util/assert-never.js';
import { defineNode, type NodeOutcome, type OutletSpec, type RuntimeNode, type StepContext } from './types.js';
import { promptsRequirements, uniqueRequirements } from '../switch/requirements.js';
import { because, type Because } from '../interpreter/reasons.js';

/** mod_callcenter queue names: `name` or `name@domain`. */
const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*(@[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;
const SKILL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Name of the timer that sends a caller to overflow after the longest wait the flow allows. */
export const QUEUE_MAX_WAIT_TIMER = 'queue.maxWait';

const QUEUE_EXIT_REASONS: ReadonlySet<QueueExitReason> = new Set(['answered', 'timeout', 'noAgents', 'exitKey', 'error']);

/** Placeholders announcement prompts may use besides the flow's variables. */
export const QUEUE_PROMPT_NAMES = ['position', 'waitMinutes', 'callbackKey', 'leaveKey'] as const;

export const QueueAnnouncementsSchema = z.object({
  /** Seconds between announcements; the first one plays as soon as the caller's position is known. */
  everySeconds: z.number().int().min(15).max(900).default(60),
  /** E.g. "You are number ${position} in the queue." Skipped while the position is unknown. */
  position: OptionalPromptSchema,
  /** E.g. "Your expected wait is about ${waitMinutes} minutes." Skipped while there is no estimate. */
  estimatedWait: OptionalPromptSchema,
  /** E.g. "To keep your place and be called back, press ${callbackKey}." Played when a callback key is set. */
  callbackOffer: OptionalPromptSchema,
  /** E.g. "To leave a message instead, press ${leaveKey}." Played when a leave key is set. */
  leaveOffer: OptionalPromptSchema,
});

export const QueueOverflowSchema = z.object({
  /** Longest wait before the caller is sent to the overflow route (needs the overflow outlet connected). */
  maxWaitSeconds: z.number().int().min(10).max(7200).optional(),
  /** Overflow before joining when this many callers are already waiting. */
  maxCallersWaiting: z.number().int().min(1).max(1000).optional(),
  /** Take the noAgents route before joining when no agent is logged in to the queue. */
  whenNoAgents: z.boolean().default(true),
  /**
   * Overflow before joining when the queue's own wait estimate already exceeds `maxWaitSeconds`: the honest
   * choice is not to keep someone on hold for a wait that will end in overflow anyway.
   */
  whenEstimateExceedsMaxWait: z.boolean().default(true),
});

export const QueueDataSchema = z.object({
  /** The mod_callcenter queue, e.g. `support@default`. */
  queue: z.string().max(100),
  /** Higher is answered sooner (added to the caller's base score, in seconds of virtual waiting). */
  priority: z.number().int().min(0).max(100).default(0),
  /** Agent skills the call needs; the runtime matches them to agents/tiers. */
  skills: z.array(z.string().max(40)).max(20).default([]),
  announcements: QueueAnnouncementsSchema.optional(),
  overflow: QueueOverflowSchema.default({ whenNoAgents: true, whenEstimateExceedsMaxWait: true }),
  /** Key that leaves the queue to book a callback that keeps the caller's place. */
  callbackKey: DtmfKeySchema.optional(),
  /** Key that leaves the queue by the overflow route ("press 2 to leave a message"). */
  leaveKey: DtmfKeySchema.optional(),
  /** Music on hold while waiting (file, URL or `tone_stream://…`); the queue's own when absent. */
  musicOnHold: z.string().min(1).max(500).optional(),
});
export type QueueData = z.infer<typeof QueueDataSchema>;

interface AnnouncementPart {
  prompt: Prompt;
  /** Parts that mention a number are skipped while the switch does not know it (never say "number 0"). */
  needsPosition: boolean;
  needsEstimate: boolean;
}

interface QueueConfig {
  queue: string;
  priority: number;
  skills: string[];
  everyMs: number;
  statusEverySeconds: number;
  announcement: AnnouncementPart[];
  maxWaitMs: number | null;
  maxCallersWaiting: number | null;
  whenNoAgents: boolean;
  maxEstimatedWaitSeconds: number | null;
  callbackKey: string | null;
  leaveKey: string | null;
  exitKeys: string[];
  musicOnHold: string | null;
  /** Placeholder values that never change during the call. */
  keys: Record<string, VariableValue>;
}

interface QueueLocal {
  /**
   * `status`: asked the switch how busy the queue is; `queued`: the caller is waiting in it; `withAgent`: an
   * agent picked up and the two are talking (no announcements, no overflow) until the switch reports the end.
   */
  phase: 'status' | 'queued' | 'withAgent';
  lastAnnouncedAt: number | null;
  timer: boolean;
}

/** Uses `${name}` in any language: decides whether a part needs that number. */
function mentions(prompt: Prompt, name: string): boolean {
  const pattern = new RegExp(`\\$\\{\\s*${name}\\s*\\}`);
  return Object.values(prompt.text).some((text) => pattern.test(text));
}

function part(prompt: Prompt | undefined): AnnouncementPart[] {
  if (!prompt) return [];
  return [{ prompt, needsPosition: mentions(prompt, 'position'), needsEstimate: mentions(prompt, 'waitMinutes') }];
}

function connected(node: RuntimeNode<QueueConfig>, outlet: string): boolean {
  return node.next[outlet] != null;
}

/** Join the queue: enqueue, start the max-wait timer when there is an overflow route, remember the queue. */
function join(node: RuntimeNode<QueueConfig>, ctx: StepContext): NodeOutcome {
  const config = node.config;
  const last = ctx.state.lastQueue;
  // Back in the queue it left (e.g. a declined callback offer): keep the caller's place.
  const waitedMs = last !== null && last.name === config.queue && last.leftAt !== null ? Math.max(0, last.leftAt - last.joinedAt) : 0;
  const baseScoreSeconds = Math.round(waitedMs / 1000);
  ctx.setLastQueue({ name: config.queue, joinedAt: ctx.now - baseScoreSeconds * 1000, leftAt: null, priority: config.priority });
  const effects: Effect[] = [
    {
      kind: 'enqueue',
      queue: config.queue,
      priority: config.priority,
      skills: config.skills,
      baseScoreSeconds,
      exitKeys: config.exitKeys,
      statusEverySeconds: config.statusEverySeconds,
      musicOnHold: config.musicOnHold,
    },
  ];
  const timer = config.maxWaitMs !== null && connected(node, 'overflow');
  if (timer) effects.push({ kind: 'startTimer', name: QUEUE_MAX_WAIT_TIMER, afterMs: config.maxWaitMs as number });
  return { kind: 'wait', effects, local: { phase: 'queued', lastAnnouncedAt: null, timer } satisfies QueueLocal };
}

/** The caller is no longer in the queue: stamp `leftAt`, stop the timer, tell the switch when it does not know. */
function leave(ctx: StepContext, config: QueueConfig, local: QueueLocal, switchKnows: boolean): Effect[] {
  const last = ctx.state.lastQueue;
  if (last !== null && last.leftAt === null) ctx.setLastQueue({ ...last, leftAt: ctx.now });
  const effects: Effect[] = [];
  if (!switchKnows) effects.push({ kind: 'leaveQueue', queue: config.queue });
  if (local.timer) effects.push({ kind: 'cancelTimer', name: QUEUE_MAX_WAIT_TIMER });
  return effects;
}

/** Before joining: the overflow rules that are checked against the queue's current state. */
function decide(node: RuntimeNode<QueueConfig>, event: Extract<CallEvent, { type: 'queueStatus' }>, ctx: StepContext): NodeOutcome {
  const config = node.config;
  if (config.whenNoAgents && event.agentsLoggedIn <= 0 && connected(node, 'noAgents')) return turnedAway(config, ctx, 'noAgents', because('queue.noAgentsLoggedIn'));
  if (connected(node, 'overflow')) {
    if (config.maxCallersWaiting !== null && event.callersWaiting >= config.maxCallersWaiting) {
      return turnedAway(config, ctx, 'overflow', because('queue.tooManyWaiting', { waiting: event.callersWaiting, limit: config.maxCallersWaiting }));
    }
    if (config.maxEstimatedWaitSeconds !== null && event.estimatedWaitSeconds > config.maxEstimatedWaitSeconds) {
      return turnedAway(config, ctx, 'overflow', because('queue.waitTooLong', { seconds: event.estimatedWaitSeconds, limit: config.maxEstimatedWaitSeconds }));
    }
  }
  return join(node, ctx);
}

/**
 * Not joining at all: the caller is still routed to this queue, so remember it (with no time waited) — a Callback
 * step on the overflow route without a queue of its own books the callback for this queue.
 */
function turnedAway(config: QueueConfig, ctx: StepContext, outlet: 'overflow' | 'noAgents', why: Because): NodeOutcome {
  const last = ctx.state.lastQueue;
  const sameQueue = last !== null && last.name === config.queue && last.leftAt !== null;
  // Back at a queue it already waited in keeps that wait; otherwise the caller has waited nothing yet.
  if (!sameQueue) ctx.setLastQueue({ name: config.queue, joinedAt: ctx.now, leftAt: ctx.now, priority: config.priority });
  return { kind: 'next', outlet, ...why };
}

/** Announce position / estimated wait / exit offers when due by the cadence (fire-and-forget). */
function announce(config: QueueConfig, local: QueueLocal, event: Extract<CallEvent, { type: 'queueUpdate' }>, ctx: StepContext): NodeOutcome {
  if (config.announcement.length === 0) return { kind: 'ignore' };
  // A second of slack: updates that arrive a moment early must not push the announcement a whole period back.
  if (local.lastAnnouncedAt !== null && ctx.now - local.lastAnnouncedAt + 1000 < config.everyMs) return { kind: 'ignore' };
  const position = Number.isFinite(event.position) ? Math.floor(event.position) : 0;
  const estimate = Number.isFinite(event.estimatedWaitSeconds) ? event.estimatedWaitSeconds : 0;
  const values: Record<string, VariableValue> = { ...config.keys, position, waitMinutes: Math.max(1, Math.ceil(estimate / 60)) };
  const effects: Effect[] = [];
  for (const item of config.announcement) {
    if ((item.needsPosition && position < 1) || (item.needsEstimate && estimate <= 0)) continue;
    effects.push({ kind: 'announce', prompt: ctx.resolvePrompt(item.prompt, values) });
  }
  if (effects.length === 0) return { kind: 'ignore' };
  return { kind: 'wait', effects, local: { ...local, lastAnnouncedAt: ctx.now } satisfies QueueLocal };
}

/**
 * The switch ended the wait without an agent (timeout, no agents, error) or the max-wait timer fired: take the
 * route for it, or — with no route connected — keep the caller waiting in their place.
 */
function overflow(node: RuntimeNode<QueueConfig>, local: QueueLocal, ctx: StepContext, outlet: 'overflow' | 'noAgents', switchKnows: boolean): NodeOutcome {
  if (connected(node, outlet)) return { kind: 'next', outlet, effects: leave(ctx, node.config, local, switchKnows) };
  if (!switchKnows) return { kind: 'ignore' };
  const effects = leave(ctx, node.config, local, true);
  const again = join(node, ctx);
  if (again.kind === 'wait') again.effects.unshift(...effects);
  return again;
}

function exitByKey(node: RuntimeNode<QueueConfig>, local: QueueLocal, key: string, ctx: StepContext, switchKnows: boolean): NodeOutcome {
  const config = node.config;
  if (key === config.callbackKey) return { kind: 'next', outlet: 'callbackRequested', effects: leave(ctx, config, local, switchKnows) };
  if (key === config.leaveKey && connected(node, 'overflow')) return { kind: 'next', outlet: 'overflow', effects: leave(ctx, config, local, switchKnows) };
  return switchKnows ? overflow(node, local, ctx, 'overflow', true) : { kind: 'ignore' };
}

function answered(node: RuntimeNode<QueueConfig>, local: QueueLocal, ctx: StepContext): NodeOutcome {
  const effects = leave(ctx, node.config, local, true);
  ctx.markReachedAgent();
  ctx.recordOutcome('answeredFromQueue');
  if (connected(node, 'answered')) return { kind: 'next', outlet: 'answered', effects };
  effects.push({ kind: 'hangup', cause: 'NORMAL_CLEARING', reason: 'agent call finished' });
  return { kind: 'end', effects, outcome: 'answeredFromQueue', ...because('queue.answered') };
}

/** An agent picked up: stop the max-wait timer at once, so a long conversation is never cut off to overflow. */
function agentPickedUp(node: RuntimeNode<QueueConfig>, local: QueueLocal, ctx: StepContext): NodeOutcome {
  const effects = leave(ctx, node.config, local, true);
  ctx.markReachedAgent();
  ctx.recordOutcome('answeredFromQueue');
  return { kind: 'wait', effects, local: { ...local, phase: 'withAgent', timer: false } satisfies QueueLocal };
}

/** Talking to an agent: only the end of that call matters. */
function withAgent(node: RuntimeNode<QueueConfig>, local: QueueLocal, event: CallEvent, ctx: StepContext): NodeOutcome {
  switch (event.type) {
    case 'queueExit':
      return answered(node, local, ctx);
    case 'hangup':
      return { kind: 'end', effects: [], outcome: 'answeredFromQueue', ...because('queue.hungUpAfterAgent') };
    default:
      return { kind: 'ignore' };
  }
}

function whileQueued(node: RuntimeNode<QueueConfig>, local: QueueLocal, event: CallEvent, ctx: StepContext): NodeOutcome {
  switch (event.type) {
    case 'queueAnswered':
      return agentPickedUp(node, local, ctx);
    case 'queueUpdate':
      return announce(node.config, local, event, ctx);
    case 'timer':
      return event.name === QUEUE_MAX_WAIT_TIMER && local.timer ? overflow(node, local, ctx, 'overflow', false) : { kind: 'ignore' };
    case 'digits': {
      const key = typeof event.digits === 'string' ? event.digits.charAt(0) : '';
      return node.config.exitKeys.includes(key) ? exitByKey(node, local, key, ctx, false) : { kind: 'ignore' };
    }
    case 'queueExit': {
      // A reason this version does not know still means the caller is out of the queue: treat it as an error.
      const reason = QUEUE_EXIT_REASONS.has(event.reason) ? event.reason : 'error';
      switch (reason) {
        case 'answered':
          return answered(node, local, ctx);
        case 'exitKey':
          // mod_callcenter reports the key in `detail`; with a single exit key it may be left out.
          return exitByKey(node, local, (typeof event.detail === 'string' ? event.detail.charAt(0) : '') || (node.config.exitKeys[0] ?? ''), ctx, true);
        case 'noAgents':
          return overflow(node, local, ctx, 'noAgents', true);
        case 'timeout':
        case 'error':
          return overflow(node, local, ctx, 'overflow', true);
        default:
          return assertNever(reason, 'queue exit reason');
      }
    }
    case 'effectFailed':
      return overflow(node, local, ctx, 'overflow', true);
    case 'hangup': {
      const effects = leave(ctx, node.config, local, true);
      ctx.recordOutcome('abandonedInQueue');
      if (connected(node, 'callerHungUp')) return { kind: 'next', outlet: 'callerHungUp', effects };
      return { kind: 'end', effects, outcome: 'abandonedInQueue', ...because('queue.hungUpWaiting') };
    }
    default:
      return { kind: 'ignore' };
  }
}

/**
 * A call-centre queue (FreeSWITCH mod_callcenter). Checks the overflow rules before joining (no agents, too many
 * callers waiting, estimated wait over the maximum), then waits with honest position / wait announcements, an
 * optional key for a keep-your-place callback, and a max-wait timer to the overflow route.
 */
export const queueNode = defineNode({
  type: 'queue',
  title: 'Queue',
  description: 'Puts the caller in an agent queue with announcements, overflow rules and a callback offer.',
  category: 'queue',
  dataSchema: QueueDataSchema,
  defaults: () => ({
    queue: 'support@default',
    priority: 0,
    skills: [],
    announcements: {
      everySeconds: 60,
      position: { text: { en: 'You are number ${position} in the queue.' } },
      estimatedWait: { text: { en: 'Your expected wait is about ${waitMinutes} minutes.' } },
      callbackOffer: { text: { en: 'To keep your place and have us call you back, press ${callbackKey}.' } },
    },
    overflow: { maxWaitSeconds: 120, whenNoAgents: true, whenEstimateExceedsMaxWait: true },
    callbackKey: '1' as const,
  }),
  outlets: (data) => {
    const outlets: OutletSpec[] = [
      { name: 'answered', label: 'Answered (after the agent call)', optional: true },
      {
        name: 'overflow',
        label: 'Overflow',
        optional: true,
        unconnected: 'SB150.noOverflowRoute',
      },
      { name: 'noAgents', label: 'No agents', fallback: 'overflow', optional: true },
    ];
    if (data.callbackKey !== undefined) outlets.push({ name: 'callbackRequested', label: `Callback requested (${data.callbackKey})` });
    outlets.push({ name: 'callerHungUp', label: 'Caller hung up', optional: true });
    return outlets;
  },
  callerFacing: true,
  waitsForCaller: true,
  promptPlaceholders: QUEUE_PROMPT_NAMES,
  // Position and wait announcements are broadcast into the wait; the hold music is played by mod_callcenter.
  requirements: (config: QueueConfig) =>
    uniqueRequirements([
      ...(config.queue === '' ? [] : [{ kind: 'queue' as const, queue: config.queue }]),
      ...promptsRequirements(config.announcement.map((part) => part.prompt)),
      ...(config.musicOnHold === null ? [] : [{ kind: 'audio' as const, file: config.musicOnHold }]),
    ]),
  compile: (data, ctx): QueueConfig => {
    if (!QUEUE_NAME.test(data.queue)) {
      if (data.queue === '') ctx.report('SB151.emptyQueueName', 'queue', {});
      else ctx.report('SB151.queueName', 'queue', { queue: data.queue });
    }
    const seenSkills = new Set<string>();
    data.skills.forEach((skill, index) => {
      if (!SKILL_NAME.test(skill)) ctx.report('SB151.skillName', `skills[${index}]`, { skill });
      else if (seenSkills.has(skill)) ctx.report('SB151.skillTwice', `skills[${index}]`, { skill });
      seenSkills.add(skill);
    });
    if (data.callbackKey !== undefined && data.callbackKey === data.leaveKey) {
      ctx.report('SB106.callbackIsLeaveKey', 'leaveKey', { key: data.leaveKey });
    }
    const overflowRules = data.overflow;
    const announcements = data.announcements;
    const parts: AnnouncementPart[] = [];
    if (announcements) {
      const extraNames = QUEUE_PROMPT_NAMES;
      for (const field of ['position', 'estimatedWait', 'callbackOffer', 'leaveOffer'] as const) {
        const prompt = announcements[field];
        if (prompt) ctx.checkPrompt(prompt, `announcements.${field}`, { required: true, extraNames });
      }
      if (!announcements.position && !announcements.estimatedWait && !announcements.callbackOffer && !announcements.leaveOffer) {
        ctx.report('SB151.announcementsEmpty', 'announcements', {});
      }
      parts.push(...part(announcements.position), ...part(announcements.estimatedWait));
      if (data.callbackKey !== undefined) parts.push(...part(announcements.callbackOffer));
      else if (announcements.callbackOffer) ctx.report('SB151.callbackOfferWithoutKey', 'announcements.callbackOffer', {});
      if (data.leaveKey !== undefined) parts.push(...part(announcements.leaveOffer));
      else if (announcements.leaveOffer) ctx.report('SB151.leaveOfferWithoutKey', 'announcements.leaveOffer', {});
      if (overflowRules.maxWaitSeconds !== undefined && announcements.everySeconds >= overflowRules.maxWaitSeconds) {
        ctx.report('SB151.announcementsTooRare', 'announcements.everySeconds', { every: announcements.everySeconds, maxWait: overflowRules.maxWaitSeconds }, { severity: 'warning' });
      }
    }
    if (data.callbackKey !== undefined && !announcements?.callbackOffer) {
      ctx.report('SB151.callbackKeyUnannounced', 'callbackKey', { key: data.callbackKey }, { severity: 'warning' });
    }
    if (data.leaveKey !== undefined && !announcements?.leaveOffer) {
      ctx.report('SB151.leaveKeyUnannounced', 'leaveKey', { key: data.leaveKey }, { severity: 'warning' });
    }
    const exitKeys = [data.callbackKey, data.leaveKey].filter((k): k is NonNullable<typeof k> => k !== undefined && k !== null);
    const keys: Record<string, VariableValue> = { callbackKey: data.callbackKey ?? '', leaveKey: data.leaveKey ?? '' };
    return {
      queue: data.queue,
      priority: data.priority,
      skills: [...data.skills],
      everyMs: (announcements?.everySeconds ?? 0) * 1000,
      statusEverySeconds: parts.length > 0 ? (announcements?.everySeconds ?? 0) : 0,
      announcement: parts,
      maxWaitMs: overflowRules.maxWaitSeconds !== undefined ? overflowRules.maxWaitSeconds * 1000 : null,
      maxCallersWaiting: overflowRules.maxCallersWaiting ?? null,
      whenNoAgents: overflowRules.whenNoAgents,
      maxEstimatedWaitSeconds: overflowRules.whenEstimateExceedsMaxWait && overflowRules.maxWaitSeconds !== undefined ? overflowRules.maxWaitSeconds : null,
      callbackKey: data.callbackKey ?? null,
      leaveKey: data.leaveKey ?? null,
      exitKeys: [...new Set(exitKeys)],
      musicOnHold: data.musicOnHold ?? null,
      keys,
    };
  },
  enter: (node) => ({
    kind: 'wait',
    effects: [{ kind: 'queueStatus', queue: node.config.queue }],
    local: { phase: 'status', lastAnnouncedAt: null, timer: false } satisfies QueueLocal,
  }),
  resume: (node, raw, event, ctx) => {
    const local = raw as QueueLocal;
    if (local.phase === 'withAgent') return withAgent(node, local, event, ctx);
    if (local.phase === 'queued') return whileQueued(node, local, event, ctx);
    switch (event.type) {
      case 'queueStatus':
        return decide(node, event, ctx);
      case 'effectFailed':
        // Not knowing how busy the queue is must not cost the caller their turn: join and let the switch decide.
        return join(node, ctx);
      default:
        return { kind: 'ignore' };
    }
  },
});
