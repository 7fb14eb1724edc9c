import { predictStep, type CallState, type Effect, type Program } from '@switchboard/flows';
import { commandsForEffect, type CommandSettings, type SwitchCommand } from '../freeswitch/commands.js';

/** Effects whose executors write nothing to the switch: they may come before commands written ahead. */
const SILENT: ReadonlySet<Effect['kind']> = new Set(['visit', 'setVariable', 'startTimer', 'cancelTimer', 'enterSubflow', 'exitSubflow']);

/** Effects whose executors begin by sending `commandsForEffect(effect)`: those commands can go out ahead of them. */
const SENT_FIRST: ReadonlySet<Effect['kind']> = new Set(['play', 'collectDigits']);

/**
 * The commands the flow will send first when the prompt it waits on (`seq`) plays to its end — the next prompt
 * or digit collection — or null when that cannot be known now: the next step depends on the time (a schedule, a
 * queue), starts with something else (a transfer, a hangup, a queue) or writes to the switch before it.
 *
 * The interpreter is pure and reads nothing but its inputs, so a prediction that does not depend on the time is
 * what the real step will do; the session has these commands written the moment the switch reports the prompt
 * finished, and the real step, run right after, then finds them already sent (CallChannel.prepareAfter).
 */
export function commandsAfterPrompt(program: Program, state: CallState, seq: number, at: number, channelUuid: string, settings: CommandSettings): readonly SwitchCommand[] | null {
  const prediction = predictStep(program, state, { type: 'promptFinished', seq, at });
  if (prediction.timeDependent) return null;
  for (const effect of prediction.result.effects) {
    if (SILENT.has(effect.kind)) continue;
    return SENT_FIRST.has(effect.kind) ? commandsForEffect(effect, channelUuid, settings).commands : null;
  }
  return null;
}
