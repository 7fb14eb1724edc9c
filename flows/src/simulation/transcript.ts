import type { Effect } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import type { CallerAction } from './scenario.js';

/** One line of a simulated call's transcript, in the order things happened on the virtual clock. */
export type TranscriptEntry =
  /** What the caller did. */
  | { kind: 'caller'; at: number; action: CallerAction }
  /** An event handed to the interpreter: the caller's (keys, hang-up) or the switch's (prompt finished, …). */
  | { kind: 'event'; at: number; from: 'caller' | 'switch'; event: CallEvent }
  /** An effect the interpreter asked for (the runtime would execute it). */
  | { kind: 'effect'; at: number; effect: Effect }
  /** Keys entered so far; the entry is not complete yet (more keys, the terminator or a pause end it). */
  | { kind: 'collecting'; at: number; entered: string }
  /** Keys nobody listened to (a prompt that cannot be interrupted, a key that is not a queue's exit key). */
  | { kind: 'keysIgnored'; at: number; keys: string; why: 'nothingListening' | 'notAnExitKey' };

/** The interpreter's part of a call: each event and the effects it produced (the start has no event). */
export interface InterpreterStep {
  event: CallEvent | null;
  effects: Effect[];
}

/** The text of every prompt in `effects` the caller hears (played, collected with, announced, greeting). */
export function promptsHeard(effects: readonly Effect[]): string[] {
  const heard: string[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case 'play':
      case 'announce':
        heard.push(effect.prompt.text ?? effect.prompt.audio ?? '');
        break;
      case 'collectDigits':
        for (const prompt of effect.prompts) heard.push(prompt.text ?? prompt.audio ?? '');
        break;
      case 'voicemail':
        if (effect.greeting) heard.push(effect.greeting.text ?? effect.greeting.audio ?? '');
        break;
      default:
        break;
    }
  }
  return heard;
}

/** Visited nodes: main-flow nodes by id, sub-flow nodes as `Flow name/nodeId`. */
export function visitsOf(effects: readonly Effect[], mainFlow: string): string[] {
  const visits: string[] = [];
  for (const effect of effects) if (effect.kind === 'visit') visits.push(effect.flow === mainFlow ? effect.nodeId : `${effect.flow}/${effect.nodeId}`);
  return visits;
}
