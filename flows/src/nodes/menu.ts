import { z } from 'zod';
import { DtmfKeySchema, OptionalPromptSchema, PromptSchema, type Prompt } from '../document/common.js';
import { askForDigits, retryOrLeave, type DigitEntry, type RetryLocal } from './shared/ask-for-digits.js';
import { defineNode, type NodeOutcome, type StepContext } from './types.js';
import { promptsRequirements } from '../switch/requirements.js';

/** Callers remember three or four options; more is a warning (SB101). */
export const MENU_MAX_RECOMMENDED_OPTIONS = 4;

export const MenuOptionSchema = z.object({
  digit: DtmfKeySchema,
  label: z.string().min(1, 'must not be empty').max(60),
});

export const MenuDataSchema = z.object({
  prompt: PromptSchema,
  options: z.array(MenuOptionSchema).max(12),
  /** Seconds to wait for a key after the prompt. */
  timeoutSeconds: z.number().int().min(1).max(60).default(5),
  /** How many more tries after the first, counting both silence and wrong keys. */
  maxRetries: z.number().int().min(0).max(5).default(2),
  noInputPrompt: OptionalPromptSchema,
  invalidPrompt: OptionalPromptSchema,
});
export type MenuData = z.infer<typeof MenuDataSchema>;

interface MenuConfig {
  prompt: Prompt;
  digits: string[];
  timeoutMs: number;
  maxRetries: number;
  noInputPrompt: Prompt | null;
  invalidPrompt: Prompt | null;
}

function entry(config: MenuConfig): DigitEntry {
  return { minDigits: 1, maxDigits: 1, timeoutMs: config.timeoutMs, interDigitTimeoutMs: config.timeoutMs, terminator: null, pattern: null };
}

function ask(config: MenuConfig, ctx: StepContext, failures: number, apology: Prompt | null): NodeOutcome {
  return askForDigits(ctx, config.prompt, apology, entry(config), failures);
}

function retryOrLeaveMenu(config: MenuConfig, ctx: StepContext, local: RetryLocal, failure: 'noInput' | 'invalid'): NodeOutcome {
  const apology = failure === 'noInput' ? config.noInputPrompt : config.invalidPrompt;
  return retryOrLeave(local, config.maxRetries, failure, failure, (failures) => ask(config, ctx, failures, apology));
}

/**
 * A keypad menu: plays a prompt and routes by the key pressed. Silence and wrong keys are retried up to
 * `maxRetries` times, then leave by `noInput` or `invalid`.
 */
export const menuNode = defineNode({
  type: 'menu',
  title: 'Menu',
  description: 'Plays options and routes by the key the caller presses ("press 1 for sales").',
  category: 'caller',
  dataSchema: MenuDataSchema,
  defaults: () => ({
    prompt: { text: { en: 'For sales, press 1. For support, press 2. To speak to an agent, press 0.' } },
    options: [
      { digit: '1' as const, label: 'Sales' },
      { digit: '2' as const, label: 'Support' },
      { digit: '0' as const, label: 'Agent' },
    ],
    timeoutSeconds: 5,
    maxRetries: 2,
  }),
  outlets: (data) => [
    ...data.options.map((option) => ({ name: option.digit, label: `${option.digit} · ${option.label}` })),
    { name: 'noInput', label: 'No input' },
    { name: 'invalid', label: 'Invalid', fallback: 'noInput' },
  ],
  callerFacing: true,
  waitsForCaller: true,
  requirements: (config: MenuConfig) => promptsRequirements([config.prompt, config.noInputPrompt, config.invalidPrompt]),
  compile: (data, ctx): MenuConfig => {
    ctx.checkPrompt(data.prompt, 'prompt', { required: true });
    if (data.noInputPrompt) ctx.checkPrompt(data.noInputPrompt, 'noInputPrompt', { required: true });
    if (data.invalidPrompt) ctx.checkPrompt(data.invalidPrompt, 'invalidPrompt', { required: true });
    if (data.options.length === 0) ctx.report('SB105.noOptions', 'options', {});
    const seen = new Map<string, number>();
    data.options.forEach((option, index) => {
      const first = seen.get(option.digit);
      if (first !== undefined) {
        ctx.report('SB103.duplicateDigit', `options[${index}].digit`, { digit: option.digit, first: first + 1, second: index + 1 });
      } else seen.set(option.digit, index);
    });
    return {
      prompt: data.prompt,
      digits: data.options.map((o) => o.digit),
      timeoutMs: data.timeoutSeconds * 1000,
      maxRetries: data.maxRetries,
      noInputPrompt: data.noInputPrompt ?? null,
      invalidPrompt: data.invalidPrompt ?? null,
    };
  },
  lint: (data, ctx) => {
    if (data.options.length > MENU_MAX_RECOMMENDED_OPTIONS) {
      ctx.report('SB101.tooManyOptions', 'options', { options: data.options.length });
    }
  },
  enter: (node, ctx) => ask(node.config, ctx, 0, null),
  resume: (node, local, event, ctx) => {
    const state = local as RetryLocal;
    switch (event.type) {
      case 'digits': {
        const key = event.digits.charAt(0);
        if (node.config.digits.includes(key)) return { kind: 'next', outlet: key };
        return retryOrLeaveMenu(node.config, ctx, state, 'invalid');
      }
      case 'noInput':
      case 'effectFailed':
        return retryOrLeaveMenu(node.config, ctx, state, 'noInput');
      default:
        return { kind: 'ignore' };
    }
  },
});
