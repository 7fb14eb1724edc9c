import { ChannelGoneError } from '../esl/index.js';
import { commandsForEffect } from '../freeswitch/commands.js';
import type { EffectExecutor } from './types.js';

/** A prompt for a caller waiting in a queue, played over the hold music (`uuid_broadcast … aleg`). */
export const announce: EffectExecutor<'announce'> = (effect, ctx) => {
  if (ctx.queueWait === null) return;
  ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).catch((error: unknown) => {
    if (!(error instanceof ChannelGoneError)) ctx.logger.warn({ err: String(error) }, 'queue announcement failed');
  });
};
