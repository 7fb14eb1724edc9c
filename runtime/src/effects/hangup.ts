import { ChannelGoneError } from '../esl/index.js';
import { commandsForEffect } from '../freeswitch/commands.js';
import type { EffectExecutor } from './types.js';

/** `hangup <cause>`; the session waits for it to complete before it closes the socket. */
export const hangup: EffectExecutor<'hangup'> = (effect, ctx) => {
  ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).catch((error: unknown) => {
    if (!(error instanceof ChannelGoneError)) ctx.logger.warn({ err: String(error) }, 'hangup failed');
  });
};
