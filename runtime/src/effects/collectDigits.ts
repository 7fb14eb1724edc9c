import { commandsForEffect } from '../freeswitch/commands.js';
import { digitsOutcome } from '../freeswitch/results.js';
import { answer, reportFailure } from './report.js';
import type { EffectExecutor } from './types.js';

/** `play_and_get_digits`: digits, or no input; a caller who hung up is reported by the session. */
export const collectDigits: EffectExecutor<'collectDigits'> = (effect, ctx) => {
  ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).then(
    (result) => {
      if (result === null) return reportFailure(ctx, effect.seq, new Error('play_and_get_digits was not sent'));
      const outcome = digitsOutcome(result, ctx.settings.digitsVariable);
      if (outcome.kind === 'digits') answer(ctx, effect.seq, { type: 'digits', digits: outcome.digits });
      else if (outcome.kind === 'noInput') answer(ctx, effect.seq, { type: 'noInput' });
    },
    (error: unknown) => reportFailure(ctx, effect.seq, error),
  );
};
