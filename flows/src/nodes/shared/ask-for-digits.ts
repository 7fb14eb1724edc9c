import type { Prompt } from '../../document/common.js';
import type { EffectOf, ResolvedPrompt } from '../../interpreter/effects.js';
import type { NodeOutcome, StepContext } from '../types.js';
import { because } from '../../interpreter/reasons.js';

/** How a keypad entry is collected: the parts of the `collectDigits` effect besides its prompts. */
export type DigitEntry = Omit<EffectOf<'collectDigits'>, 'kind' | 'prompts' | 'seq'>;

/** Node-local state of nodes that ask and retry: how many tries have failed so far. */
export interface RetryLocal {
  failures: number;
}

/**
 * Wait for keypad input: play an optional apology ("sorry, I didn't catch that") and the prompt, then collect.
 */
export function askForDigits(ctx: StepContext, prompt: Prompt, apology: Prompt | null, entry: DigitEntry, failures: number): NodeOutcome {
  const prompts: ResolvedPrompt[] = [];
  if (apology) prompts.push(ctx.resolvePrompt(apology));
  prompts.push(ctx.resolvePrompt(prompt));
  return { kind: 'wait', effects: [{ kind: 'collectDigits', prompts, ...entry }], local: { failures } satisfies RetryLocal };
}

/**
 * Count a failed try (`failure`: silence or a wrong entry): ask again while retries remain, otherwise leave by
 * `outlet` (`noInput`, `invalid`, `failed`…), saying why for the visit record ("invalid input after 3 tries").
 */
export function retryOrLeave(local: RetryLocal, maxRetries: number, outlet: string, failure: 'noInput' | 'invalid', askAgain: (failures: number) => NodeOutcome): NodeOutcome {
  const failures = local.failures + 1;
  if (failures <= maxRetries) return askAgain(failures);
  const said = failure === 'noInput' ? (failures === 1 ? because('input.noInputOnce') : because('input.noInput', { tries: failures })) : failures === 1 ? because('input.invalidOnce') : because('input.invalid', { tries: failures });
  return { kind: 'next', outlet, inputFailed: true, ...said };
}
