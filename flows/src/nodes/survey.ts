import { z } from 'zod';
import { OptionalPromptSchema, PromptSchema, type Prompt } from '../document/common.js';
import type { Effect } from '../interpreter/effects.js';
import { promptsRequirements } from '../switch/requirements.js';
import { askForDigits, retryOrLeave as retryOrLeaveTries, type RetryLocal } from './shared/ask-for-digits.js';
import { defineNode, type NodeOutcome, type StepContext } from './types.js';

/** The keys a caller rates with: 1 (worst) to 5 (best). */
export const SURVEY_LOWEST = 1;
export const SURVEY_HIGHEST = 5;

export const SurveyDataSchema = z.object({
  /** "How satisfied were you with your call? Press 1 for not at all, up to 5 for very satisfied." */
  question: PromptSchema,
  /** An optional second question, also rated 1–5 (asked only when the first was answered). */
  secondQuestion: OptionalPromptSchema,
  /** Seconds to wait for the key after each question. */
  timeoutSeconds: z.number().int().min(1).max(30).default(5),
  /** How many more tries after the first, for silence or a key outside 1–5. */
  maxRetries: z.number().int().min(0).max(3).default(1),
  /** Said before asking again after a key outside 1–5 or silence. */
  retryPrompt: OptionalPromptSchema,
});
export type SurveyData = z.infer<typeof SurveyDataSchema>;

interface SurveyConfig {
  question: Prompt;
  secondQuestion: Prompt | null;
  timeoutMs: number;
  maxRetries: number;
  retryPrompt: Prompt | null;
}

/** Which question is being asked, and the failed tries on it. */
interface SurveyLocal extends RetryLocal {
  question: 1 | 2;
}

function ask(config: SurveyConfig, ctx: StepContext, question: 1 | 2, failures: number): NodeOutcome {
  const prompt = question === 1 ? config.question : (config.secondQuestion as Prompt);
  const outcome = askForDigits(ctx, prompt, failures > 0 ? config.retryPrompt : null, {
    minDigits: 1,
    maxDigits: 1,
    timeoutMs: config.timeoutMs,
    interDigitTimeoutMs: config.timeoutMs,
    terminator: null,
    pattern: `^[${SURVEY_LOWEST}-${SURVEY_HIGHEST}]$`,
  }, failures);
  return outcome.kind === 'wait' ? { ...outcome, local: { failures, question } satisfies SurveyLocal } : outcome;
}

/** The score a key press gives, or null when it is not a single key 1–5. */
export function surveyScore(digits: unknown): number | null {
  if (typeof digits !== 'string' || !/^[1-5]$/.test(digits)) return null;
  return Number(digits);
}

/** Does a prompt's text tell the caller the scale (both "1" and "5" in every language it has)? */
function namesTheScale(prompt: Prompt): boolean {
  const texts = Object.values(prompt.text ?? {}).filter((text) => text.trim() !== '');
  return texts.length === 0 || texts.every((text) => /(^|\D)1(\D|$)/.test(text) && /(^|\D)5(\D|$)/.test(text));
}

/**
 * A post-call satisfaction survey: "rate 1–5 by key", and optionally a second question. Each answer is recorded
 * on the call (`surveyAnswer` effect → call record → the satisfaction KPI). Leaves by `done` once the first
 * question is answered (a second left unanswered does not undo it), by `noAnswer` when it never was. Place it
 * after a queue's `answered` outlet: the caller comes back to the flow when the agent hangs up.
 */
export const surveyNode = defineNode({
  type: 'survey',
  title: 'Satisfaction survey',
  description: 'Asks the caller to rate the call 1–5 by key (and optionally a second question); the answers feed the satisfaction KPI.',
  category: 'caller',
  dataSchema: SurveyDataSchema,
  defaults: () => ({
    question: { text: { en: 'How satisfied are you with your call today? Press 1 for not at all, up to 5 for very satisfied.' } },
    timeoutSeconds: 5,
    maxRetries: 1,
  }),
  outlets: () => [
    { name: 'done', label: 'Done' },
    { name: 'noAnswer', label: 'No answer' },
  ],
  callerFacing: true,
  waitsForCaller: true,
  requirements: (config: SurveyConfig) => promptsRequirements([config.question, config.secondQuestion, config.retryPrompt]),
  compile: (data, ctx): SurveyConfig => {
    ctx.checkPrompt(data.question, 'question', { required: true });
    if (data.secondQuestion) ctx.checkPrompt(data.secondQuestion, 'secondQuestion', { required: true });
    if (data.retryPrompt) ctx.checkPrompt(data.retryPrompt, 'retryPrompt', { required: true });
    return {
      question: data.question,
      secondQuestion: data.secondQuestion ?? null,
      timeoutMs: data.timeoutSeconds * 1000,
      maxRetries: data.maxRetries,
      retryPrompt: data.retryPrompt ?? null,
    };
  },
  lint: (data, ctx) => {
    if (!namesTheScale(data.question)) ctx.report('SB400.questionWithoutKeys', 'question', {});
    if (data.secondQuestion && !namesTheScale(data.secondQuestion)) ctx.report('SB400.secondQuestionWithoutKeys', 'secondQuestion', {});
    if (data.maxRetries > 0 && !data.retryPrompt) ctx.report('SB401.retryWithoutPrompt', 'retryPrompt', {});
  },
  enter: (node, ctx) => ask(node.config, ctx, 1, 0),
  resume: (node, local, event, ctx) => {
    const config = node.config;
    const state = local as SurveyLocal;
    const leaveUnanswered = state.question === 1 ? 'noAnswer' : 'done';
    // A caller who does not rate the call has not failed in the IVR: the call keeps the outcome it had.
    const retryOrLeave = (...args: Parameters<typeof retryOrLeaveTries>): NodeOutcome => {
      const outcome = retryOrLeaveTries(...args);
      return outcome.kind === 'next' ? { ...outcome, inputFailed: false } : outcome;
    };
    switch (event.type) {
      case 'digits': {
        const score = surveyScore(event.digits);
        if (score === null) return retryOrLeave(state, config.maxRetries, leaveUnanswered, 'invalid', (failures) => ask(config, ctx, state.question, failures));
        const answer: Effect = { kind: 'surveyAnswer', nodeId: node.id, question: state.question, score };
        if (state.question === 1 && config.secondQuestion) {
          const next = ask(config, ctx, 2, 0);
          return next.kind === 'wait' ? { ...next, effects: [answer, ...next.effects] } : next;
        }
        return { kind: 'next', outlet: 'done', effects: [answer], reason: `rated ${score}` };
      }
      case 'noInput':
      case 'effectFailed':
        return retryOrLeave(state, config.maxRetries, leaveUnanswered, 'noInput', (failures) => ask(config, ctx, state.question, failures));
      default:
        return { kind: 'ignore' };
    }
  },
});
