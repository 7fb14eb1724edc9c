import type { Effect } from '@switchboard/flows';
import { commandsForEffect, type CommandSettings } from '../freeswitch/commands.js';
import { transferOutcome } from '../freeswitch/results.js';
import type { CallChannel } from './channel.js';

/** What a caller gets when the runtime cannot run a flow for them: never dead air. */
export interface FallbackSettings {
  /** Extension to transfer to (an operator); null skips straight to the apology. */
  readonly extension: string | null;
  /** Spoken when there is no extension or the transfer fails; then the call is hung up. */
  readonly apology: string;
  /** Seconds the operator may ring. */
  readonly timeoutSeconds: number;
}

export const DEFAULT_FALLBACK: FallbackSettings = {
  extension: null,
  apology: 'We are sorry, we cannot take your call right now. Please try again later.',
  timeoutSeconds: 30,
};

/** Why a call went to the fallback (metric label). */
export type FallbackReason = 'noBinding' | 'internalError' | 'notLoaded';

/**
 * Transfer to the operator extension if one is configured; if that fails (or there is none), say the apology
 * and hang up. Resolves when done; rejects only if the channel went away.
 */
export async function runFallback(channel: CallChannel, fallback: FallbackSettings, settings: CommandSettings): Promise<'transferred' | 'apologised'> {
  const send = (effect: Effect) => channel.send(commandsForEffect(effect, channel.uuid, settings).commands);
  void send({ kind: 'answer' }).catch(() => undefined);
  if (fallback.extension !== null) {
    const result = await send({ kind: 'transfer', destination: { type: 'extension', value: fallback.extension }, timeoutSeconds: fallback.timeoutSeconds, callerIdNumber: null });
    if (result !== null) {
      const outcome = transferOutcome(result);
      if (outcome.kind === 'callerGone' || outcome.result === 'answered') return 'transferred';
    }
  }
  await send({ kind: 'play', prompt: { language: 'en', text: fallback.apology }, bargeIn: false });
  await send({ kind: 'hangup', cause: 'NORMAL_TEMPORARY_FAILURE', reason: 'fallback' });
  return 'apologised';
}
