import { commandsForEffect } from '../freeswitch/commands.js';
import { transferOutcome } from '../freeswitch/results.js';
import { answer, reportFailure } from './report.js';
import type { EffectExecutor } from './types.js';

/** `bridge` with continue_on_fail: answered, busy, no answer or failed (with the cause). */
export const transfer: EffectExecutor<'transfer'> = (effect, ctx) => {
  ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).then(
    (result) => {
      if (result === null) return reportFailure(ctx, effect.seq, new Error('bridge was not sent'));
      const outcome = transferOutcome(result);
      if (outcome.kind === 'result') answer(ctx, effect.seq, { type: 'transferResult', result: outcome.result, cause: outcome.cause });
    },
    (error: unknown) => reportFailure(ctx, effect.seq, error),
  );
};
