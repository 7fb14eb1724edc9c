import { commandsForEffect } from '../freeswitch/commands.js';
import { voicemailOutcome } from '../freeswitch/results.js';
import { answer, reportFailure } from './report.js';
import type { EffectExecutor } from './types.js';

/** mod_voicemail's `voicemail default <domain> <mailbox>`, after the flow's own greeting if it has one. */
export const voicemail: EffectExecutor<'voicemail'> = (effect, ctx) => {
  ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).then(
    (result) => {
      if (result !== null && voicemailOutcome(result).kind === 'finished') answer(ctx, effect.seq, { type: 'voicemailFinished' });
    },
    (error: unknown) => reportFailure(ctx, effect.seq, error),
  );
};
