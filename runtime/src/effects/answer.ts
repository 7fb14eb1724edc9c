import { commandsForEffect } from '../freeswitch/commands.js';
import { ChannelGoneError } from '../esl/index.js';
import type { EffectExecutor } from './types.js';

/** `answer` (already answered by the dialplan in most setups: FreeSWITCH completes it at once). */
export const answer: EffectExecutor<'answer'> = (effect, ctx) => {
  ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).catch((error: unknown) => {
    if (!(error instanceof ChannelGoneError)) ctx.logger.warn({ err: String(error) }, 'answer failed');
  });
};
