import { z } from 'zod';
import { OptionalPromptSchema, PromptSchema, VariableNameSchema, type Prompt } from '../document/common.js';
import { askForDigits, retryOrLeave, type RetryLocal } from './shared/ask-for-digits.js';
import { defineNode, type NodeOutcome, type StepContext } from './types.js';
import { promptsRequirements } from '../switch/requirements.js';

/** Longest digit string a caller is asked for (card numbers with a check digit fit). */
export const COLLECT_MAX_DIGITS = 32;

export const CollectDigitsDataSchema = z.object({
  prompt: PromptSchema,
  /** String variable the digits are stored in (without the terminator). */
  variable: VariableNameSchema.optional(),
  minDigits: z.number().int().min(1).max(COLLECT_MAX_DIGITS).default(1),
  maxDigits: z.number().int().min(1).max(COLLECT_MAX_DIGITS).default(10),
  /** Key that ends the entry early; `null` when the caller must type exactly up to the maximum or pause. */
  terminator: z.enum(['#', '*']).nullable().default('#'),
  /** Regular expression the whole entry must match, e.g. `[0-9]{4}` (anchored: `^…$` is implied). */
  pattern: z.string().min(1).max(200).optional(),
  /** Seconds to wait for the first key after the prompt. */
  timeoutSeconds: z.number().int().min(1).max(60).default(5),
  /** Seconds to wait between keys before the entry counts as finished. */
  interDigitTimeoutSeconds: z.number().int().min(1).max(30).default(3),
  /** How many more tries after the first, counting silence and entries that are too short, too long or off-pattern. */
  maxRetries: z.number().int().min(0).max(5).default(2),
  noInputPrompt: OptionalPromptSchema,
  invalidPrompt: OptionalPromptSchema,
});
export type CollectDigitsData = z.infer<typeof CollectDigitsDataSchema>;

interface CollectDigitsConfig {
  prompt: Prompt;
  variable: string | null;
  minDigits: number;
  maxDigits: number;
  terminator: '#' | '*' | null;
  /** Anchored source, or null. */
  pattern: string | null;
  timeoutMs: number;
  interDigitTimeoutMs: number;
  maxRetries: number;
  noInputPrompt: Prompt | null;
  invalidPrompt: Prompt | null;
}

function anchored(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** Compiled patterns, shared by all calls: a RegExp without the `g` flag keeps no state between tests. */
const patterns = new Map<string, RegExp | null>();

function patternOf(source: string): RegExp | null {
  let regexp = patterns.get(source);
  if (regexp === undefined) {
    try {
      regexp = new RegExp(source);
    } catch {
      regexp = null;
    }
    patterns.set(source, regexp);
  }
  return regexp;
}

function isValidEntry(config: CollectDigitsConfig, digits: string): boolean {
  if (digits.length < config.minDigits || digits.length > config.maxDigits) return false;
  if (!/^[0-9*#]+$/.test(digits)) return false;
  if (config.pattern === null) return true;
  return patternOf(config.pattern)?.test(digits) ?? false;
}

function ask(config: CollectDigitsConfig, ctx: StepContext, failures: number, apology: Prompt | null): NodeOutcome {
  const { minDigits, maxDigits, timeoutMs, interDigitTimeoutMs, terminator, pattern } = config;
  return askForDigits(ctx, config.prompt, apology, { minDigits, maxDigits, timeoutMs, interDigitTimeoutMs, terminator, pattern }, failures);
}

function retryOrFail(config: CollectDigitsConfig, ctx: StepContext, local: RetryLocal, failure: 'noInput' | 'invalid'): NodeOutcome {
  const apology = failure === 'noInput' ? config.noInputPrompt : config.invalidPrompt;
  return retryOrLeave(local, config.maxRetries, 'failed', failure, (failures) => ask(config, ctx, failures, apology));
}

/**
 * Asks the caller to type a number (account, PIN, date of birth), checks its length and pattern, and stores it
 * in a string variable. Silence and invalid entries are retried up to `maxRetries` times, then leave by `failed`.
 */
export const collectDigitsNode = defineNode({
  type: 'collectDigits',
  title: 'Collect digits',
  description: 'Asks the caller to type a number (account, PIN…), checks it and stores it in a variable.',
  category: 'caller',
  dataSchema: CollectDigitsDataSchema,
  defaults: () => ({
    prompt: { text: { en: 'Please enter your account number, followed by the hash key.' } },
    minDigits: 1,
    maxDigits: 10,
    terminator: '#' as const,
    timeoutSeconds: 5,
    interDigitTimeoutSeconds: 3,
    maxRetries: 2,
  }),
  outlets: () => [
    { name: 'ok', label: 'OK' },
    { name: 'failed', label: 'Failed' },
  ],
  callerFacing: true,
  waitsForCaller: true,
  requirements: (config: CollectDigitsConfig) => promptsRequirements([config.prompt, config.noInputPrompt, config.invalidPrompt]),
  compile: (data, ctx): CollectDigitsConfig => {
    ctx.checkPrompt(data.prompt, 'prompt', { required: true });
    if (data.noInputPrompt) ctx.checkPrompt(data.noInputPrompt, 'noInputPrompt', { required: true });
    if (data.invalidPrompt) ctx.checkPrompt(data.invalidPrompt, 'invalidPrompt', { required: true });
    if (data.minDigits > data.maxDigits) {
      ctx.report('SB110.digitRange', 'minDigits', { min: data.minDigits, max: data.maxDigits });
    }
    let pattern: string | null = null;
    if (data.pattern !== undefined) {
      try {
        new RegExp(data.pattern);
        pattern = anchored(data.pattern);
      } catch (error) {
        ctx.report('SB111.pattern', 'pattern', { detail: error instanceof Error ? error.message : String(error) });
      }
    }
    if (data.variable === undefined) {
      ctx.report('SB112.notStored', 'variable', {});
    } else {
      const declared = ctx.variables.get(data.variable);
      if (!declared) ctx.report('SB134.undeclaredVariable', 'variable', { variable: data.variable });
      else if (declared.type !== 'string') {
        ctx.report('SB132.digitsVariable', 'variable', { variable: data.variable, type: declared.type });
      }
    }
    return {
      prompt: data.prompt,
      variable: data.variable ?? null,
      minDigits: data.minDigits,
      maxDigits: data.maxDigits,
      terminator: data.terminator,
      pattern,
      timeoutMs: data.timeoutSeconds * 1000,
      interDigitTimeoutMs: data.interDigitTimeoutSeconds * 1000,
      maxRetries: data.maxRetries,
      noInputPrompt: data.noInputPrompt ?? null,
      invalidPrompt: data.invalidPrompt ?? null,
    };
  },
  enter: (node, ctx) => ask(node.config, ctx, 0, null),
  resume: (node, local, event, ctx) => {
    const config = node.config;
    const state = local as RetryLocal;
    switch (event.type) {
      case 'digits': {
        // The edge normally strips the terminator; accept it either way.
        const entry = typeof event.digits === 'string' ? event.digits : '';
        const terminator = config.terminator;
        const digits = terminator !== null && entry.endsWith(terminator) ? entry.slice(0, -1) : entry;
        if (!isValidEntry(config, digits)) return retryOrFail(config, ctx, state, 'invalid');
        if (config.variable !== null) ctx.setVariable(config.variable, digits);
        return { kind: 'next', outlet: 'ok' };
      }
      case 'noInput':
      case 'effectFailed':
        return retryOrFail(config, ctx, state, 'noInput');
      default:
        return { kind: 'ignore' };
    }
  },
  writes: (data) => (data.variable === undefined ? [] : [data.variable]),
});
