import { assertNever } from '@switchboard/flows';
import { eventHeader } from '../esl/index.js';
import { commandsForEffect } from '../freeswitch/commands.js';
import { queueOutcome, queueTimes, type AppCompletion } from '../freeswitch/results.js';
import { answer, reportFailure } from './report.js';
import type { EffectContext, EffectExecutor, QueueWait } from './types.js';

/**
 * Follows the agent call of an answered queue wait: `pickedUp` runs once when an agent is bridged to the caller
 * (mod_callcenter's `bridge-agent-start`), `over` resolves when that call is over (or the caller hung up).
 */
function agentCall(ctx: EffectContext, pickedUp: (agent: string | undefined) => void): { over: Promise<void>; stop: () => void; talkMs: () => number | null } {
  let resolve: () => void = () => undefined;
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  let stamped: number | null = null;
  const over = new Promise<void>((done) => (resolve = done));
  const stop = ctx.onChannelEvent((event) => {
    const action = event.name === 'CUSTOM' ? eventHeader(event, 'CC-Action') : undefined;
    if (action === 'bridge-agent-start') {
      startedAt ??= ctx.clock.now();
      pickedUp(eventHeader(event, 'CC-Agent'));
    }
    if (action === 'bridge-agent-end' || event.name === 'CHANNEL_UNBRIDGE' || event.name === 'CHANNEL_HANGUP') {
      endedAt ??= ctx.clock.now();
      // mod_callcenter's bridge-agent-end carries the agent call's own stamps (epoch seconds).
      const answered = Number(eventHeader(event, 'CC-Agent-Answered-Time'));
      const terminated = Number(eventHeader(event, 'CC-Bridge-Terminated-Time'));
      if (action === 'bridge-agent-end' && answered > 0 && terminated >= answered) stamped ??= (terminated - answered) * 1000;
      resolve();
    }
  });
  /** The switch's stamps when it sent them, else the runtime's clock: never one clock minus the other. */
  const talkMs = (): number | null => stamped ?? (startedAt === null || endedAt === null ? null : Math.max(0, endedAt - startedAt));
  return { over, stop, talkMs };
}

/**
 * Joins a mod_callcenter queue and reports how the wait ended: answered (once the agent call is over, as the
 * queue node expects), timeout, no agents, exit key — or nothing once the flow has left (leaveQueue).
 * Position updates from the queue service arrive as `queueUpdate` events meanwhile.
 */
export const enqueue: EffectExecutor<'enqueue'> = (effect, ctx) => {
  // member-queue-* and bridge-agent-* carry the member's Unique-ID, so myevents passes them once subscribed.
  ctx.subscribe(['CUSTOM', 'callcenter::info']).catch(() => undefined);
  let pickUpReported = false;
  // The flow stops its max-wait timer when it hears this, so a long agent call is never cut off to overflow.
  const reportPickUp = (agentName: string | undefined) => {
    if (pickUpReported) return;
    pickUpReported = true;
    answer(ctx, effect.seq, { type: 'queueAnswered', ...(agentName === undefined ? {} : { agent: agentName }) });
  };
  const agent = agentCall(ctx, reportPickUp);
  const stopWatching =
    effect.statusEverySeconds > 0
      ? ctx.services.queues.watchPosition(effect.queue, ctx.channel.uuid, effect.statusEverySeconds, (position) =>
          answer(ctx, effect.seq, { type: 'queueUpdate', position: position.position, estimatedWaitSeconds: position.estimatedWaitSeconds }),
        )
      : () => undefined;
  const forgetOnEnd = ctx.onEnd(stopWatching);
  const commands = commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands;

  const sentAt = ctx.clock.now();
  /** The wait's times for the call record (once per wait, before the flow hears how it ended). */
  const recordWait = (result: AppCompletion, talkMs: number | null) => {
    const times = queueTimes(result, sentAt, ctx.clock.now());
    ctx.services.analytics.queueWaited({ callId: ctx.callId, queue: effect.queue, ...times, talkMs: times.answeredAt === null ? null : talkMs });
  };

  const waiting = async (): Promise<void> => {
    try {
      const result = await ctx.channel.send(commands);
      stopWatching();
      if (result === null) throw new Error('callcenter was not sent');
      const outcome = queueOutcome(result);
      switch (outcome.kind) {
        case 'agentAnswered':
          // FreeSWITCH returns from callcenter when the agent answers; the flow continues when that call ends.
          reportPickUp(outcome.agent);
          if (!outcome.callEnded && !ctx.channel.isGone) await agent.over;
          recordWait(result, agent.talkMs());
          answer(ctx, effect.seq, { type: 'queueExit', reason: 'answered', detail: outcome.agent });
          return;
        case 'exit':
          recordWait(result, null);
          if (wait.leaving) return;
          answer(ctx, effect.seq, { type: 'queueExit', reason: outcome.reason, ...(outcome.detail === undefined ? {} : { detail: outcome.detail }) });
          return;
        case 'leftOnRequest':
          // leaveQueue pressed the runtime's key: the flow has already moved on.
          recordWait(result, null);
          wait.leftOnRequest = true;
          return;
        case 'callerGone':
          recordWait(result, null);
          return;
        default:
          return assertNever(outcome);
      }
    } catch (error) {
      stopWatching();
      reportFailure(ctx, effect.seq, error);
    } finally {
      agent.stop();
      forgetOnEnd();
      if (ctx.queueWait === wait) ctx.queueWait = null;
    }
  };
  const wait: QueueWait = { queue: effect.queue, done: Promise.resolve(), leaving: false, leftOnRequest: false };
  ctx.queueWait = wait;
  (wait as { done: Promise<void> }).done = ctx.channel.track(waiting());
};
