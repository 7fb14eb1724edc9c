import { eventHeader } from '../esl/index.js';
import { commandsForEffect } from '../freeswitch/commands.js';
import { promptOutcome } from '../freeswitch/results.js';
import { answer, reportFailure } from './report.js';
import type { EffectExecutor } from './types.js';

/** `speak` / `playback`; with barge-in the DTMF that stopped the prompt is the caller's answer. */
export const play: EffectExecutor<'play'> = (effect, ctx) => {
  let pressed = '';
  const stopListening = effect.bargeIn
    ? ctx.onChannelEvent((event) => {
        if (event.name === 'DTMF' && pressed === '') pressed = eventHeader(event, 'DTMF-Digit') ?? '';
      })
    : () => undefined;
  ctx.channel.send(commandsForEffect(effect, ctx.channel.uuid, ctx.settings).commands).then(
    (result) => {
      stopListening();
      if (pressed !== '') return answer(ctx, effect.seq, { type: 'digits', digits: pressed });
      const outcome = result === null ? ({ kind: 'finished' } as const) : promptOutcome(result);
      if (outcome.kind === 'finished') answer(ctx, effect.seq, { type: 'promptFinished' });
      else if (outcome.kind === 'failed') reportFailure(ctx, effect.seq, new Error(outcome.message));
    },
    (error: unknown) => {
      stopListening();
      reportFailure(ctx, effect.seq, error);
    },
  );
};
