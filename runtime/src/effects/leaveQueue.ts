import { agentFoundQuery, leaveQueueBreak, leaveQueueFilter, leaveQueueKey, leaveQueueUnfilter } from '../freeswitch/commands.js';
import type { EffectContext, EffectExecutor, QueueWait } from './types.js';

/**
 * How long the switch gets to act on the runtime's exit key before it is pressed again. mod_callcenter reads it
 * within a 20 ms frame; an announcement that started between `uuid_break all` and `uuid_recv_dtmf` holds it
 * until it ends (loop_playback reads no DTMF) — pressing again is harmless (leftovers are flushed) and is the way
 * out if anything ever takes the key.
 */
export const LEAVE_KEY_RETRY_MS = 1_000;
/** After this many presses the runtime stops pressing and logs an error; it still waits for the app to return. */
export const LEAVE_KEY_MAX_PRESSES = 10;

/** Resolves true when `wait` is done, false after `ms` of the call's clock. */
function doneWithin(ctx: EffectContext, wait: QueueWait, ms: number): Promise<boolean> {
  let timer: unknown;
  const elapsed = new Promise<boolean>((resolve) => (timer = ctx.clock.setTimeout(() => resolve(false), ms)));
  return Promise.race([wait.done.then(() => true), elapsed]).finally(() => ctx.clock.clearTimeout(timer));
}

/**
 * Takes the caller out of the queue the flow is leaving (max-wait timer, a key the switch did not handle) and
 * resolves once the callcenter app has returned, so the flow's next apps run after it, not nested inside it.
 * mod_callcenter ends a wait only for an agent, its own timeouts, an exit key or a hang-up: the runtime stops
 * any announcement (`uuid_break … all`) and presses its own exit key (`uuid_recv_dtmf … D`); the member leaves
 * with EXIT_WITH_KEY. Keys left over from pressing again (or from a wait that ended otherwise meanwhile) are
 * flushed, so the next prompt does not hear them. An agent never hears the key: the runtime stops pressing once
 * mod_callcenter has found one (`cc_agent_found`), and `bridge_filter_dtmf` is set while it presses, so a bridge
 * that starts in between drops the caller's queued digits (the agent call then gets none of the caller's keys —
 * the price of that rare race); the filter is unset once the wait is over.
 */
export const leaveQueue: EffectExecutor<'leaveQueue'> = async (_effect, ctx) => {
  const wait = ctx.queueWait;
  if (wait === null || ctx.channel.isGone) return;
  wait.leaving = true;
  const uuid = ctx.channel.uuid;
  const press = (): Promise<unknown> => ctx.channel.send([leaveQueueKey(uuid)]).catch(() => undefined);
  // An agent found meanwhile is bridged by mod_callcenter; the key must not reach them (see leaveQueueFilter).
  const agentFound = async (): Promise<boolean> => (await ctx.channel.api(agentFoundQuery(uuid)).catch(() => '')).trim() === 'true';
  await ctx.channel.send([leaveQueueFilter(uuid), leaveQueueBreak(uuid)]).catch(() => undefined);
  let presses = 0;
  let agent = false;
  for (;;) {
    if (ctx.channel.isGone) break;
    if (!agent && presses < LEAVE_KEY_MAX_PRESSES && !(agent = await agentFound())) {
      await press();
      presses++;
      if (presses === LEAVE_KEY_MAX_PRESSES) ctx.logger.error({ queue: wait.queue, presses }, 'callcenter did not return after the leave key; waiting for it');
    }
    if (await doneWithin(ctx, wait, LEAVE_KEY_RETRY_MS)) break;
  }
  await wait.done;
  if (ctx.channel.isGone) return;
  if (presses > 1 || !wait.leftOnRequest) await ctx.channel.api(`uuid_flush_dtmf ${uuid}`).catch(() => undefined);
  // Keys pressed from now on (a later transfer's bridge) reach the other party again.
  await ctx.channel.send([leaveQueueUnfilter(uuid)]).catch(() => undefined);
};
