import { commandsForEffect } from '../freeswitch/commands.js';
import type { EffectExecutor } from './types.js';

/** Longest wait for the callcenter app to return after `uuid_break` before later apps are sent anyway. */
const LEAVE_TIMEOUT_MS = 5_000;

/**
 * Takes the caller out of the queue the flow is leaving (max-wait timer, a key the switch did not handle):
 * `uuid_break`, then waits for the callcenter app to return, because apps sent while it runs would be flushed
 * by its hold-music loop.
 */
export const leaveQueue: EffectExecutor<'leaveQueue'> = async (effect, ctx) => {
  const wait = ctx.queueWait;
  if (wait === null || ctx.channel.isGone) return;
  wait.leaving = true;
  await ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).catch(() => undefined);
  let timer: unknown;
  await Promise.race([wait.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, LEAVE_TIMEOUT_MS)))]);
  clearTimeout(timer as NodeJS.Timeout);
};
