import { z } from 'zod';
import { DtmfKeySchema, OptionalPromptSchema, PromptSchema, type Prompt } from '../document/common.js';
import { COMPILED_FORMAT, type CompiledFlow } from '../compiler/compiled.js';
import type { Effect, SurveyCallbackSpec, SurveyQuestions } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import { assertNever } from '../util/assert-never.js';
import { promptsRequirements } from '../switch/requirements.js';
import { askForDigits, retryOrLeave as retryOrLeaveTries, type RetryLocal } from './shared/ask-for-digits.js';
import { defineNode, type NodeOutcome, type StepContext } from './types.js';
import { because } from '../interpreter/reasons.js';

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
  /**
   * `duringCall`: ask now, on this call. `callBack`: offer to call the caller back after the call and ask the same
   * questions then (only when the caller's number can be dialled).
   */
  mode: z.enum(['duringCall', 'callBack']).default('duringCall'),
  /** Call-back: minutes after the call ends that the caller is called for the survey. */
  callBackDelayMinutes: z.number().int().min(1).max(1440).default(2),
  /** Call-back: the opt-in question, "May we call you back after this call for a short survey? Press 1 for yes." */
  callBackOffer: OptionalPromptSchema,
  /** Call-back: the key that says yes to the offer. */
  callBackAcceptKey: DtmfKeySchema.default('1'),
  /** Call-back: said once the call-back is booked. */
  callBackBooked: OptionalPromptSchema,
});
export type SurveyData = z.infer<typeof SurveyDataSchema>;

/** The default opt-in question of a call-back survey. */
export const DEFAULT_CALL_BACK_OFFER: Prompt = { text: { en: 'May we call you back after this call for a short survey? Press 1 for yes.' } };

/** How a call-back survey is offered (compiled; present only in `callBack` mode, so other surveys keep their hash). */
interface CallBackConfig {
  delayMs: number;
  offer: Prompt;
  acceptKey: string;
  booked: Prompt | null;
}

interface SurveyConfig extends SurveyQuestions {
  callBack?: CallBackConfig;
}

/** Which question is being asked, and the failed tries on it; or, in call-back mode, where the offer stands. */
type SurveyLocal =
  | (RetryLocal & { question: 1 | 2; phase?: undefined })
  | (RetryLocal & { phase: 'offer' })
  | { phase: 'booking' }
  | { phase: 'booked' };

/** A number the switch can dial (what the callback service accepts): digits with an optional leading +. */
const DIALABLE = /^\+?[0-9]{3,20}$/;

function ask(config: SurveyQuestions, ctx: StepContext, question: 1 | 2, failures: number): NodeOutcome {
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

function offerCallBack(callBack: CallBackConfig, config: SurveyQuestions, ctx: StepContext, failures: number): NodeOutcome {
  const outcome = askForDigits(ctx, callBack.offer, failures > 0 ? config.retryPrompt : null, {
    minDigits: 1,
    maxDigits: 1,
    timeoutMs: config.timeoutMs,
    interDigitTimeoutMs: config.timeoutMs,
    terminator: null,
    pattern: null,
  }, failures);
  return outcome.kind === 'wait' ? { ...outcome, local: { failures, phase: 'offer' } satisfies SurveyLocal } : outcome;
}

/** The caller said yes: book the call-back with the questions as this call would have asked them. */
function bookCallBack(nodeId: string, config: SurveyConfig, callBack: CallBackConfig, ctx: StepContext): NodeOutcome {
  const { callBack: _offer, ...questions } = config;
  const survey: SurveyCallbackSpec = { flow: ctx.flowName, nodeId, language: ctx.state.call.language, questions };
  const effect: Effect = { kind: 'scheduleSurveyCallback', nodeId, number: dialableCaller(ctx), delayMs: callBack.delayMs, survey };
  return { kind: 'wait', effects: [effect], local: { phase: 'booking' } satisfies SurveyLocal };
}

function dialableCaller(ctx: StepContext): string {
  return ctx.state.call.caller.replace(/[\s().-]/g, '');
}

/** Call-back mode, after the offer was answered or the booking came back. */
function resumeCallBack(nodeId: string, config: SurveyConfig, callBack: CallBackConfig, local: Exclude<SurveyLocal, { phase?: undefined }>, event: CallEvent, ctx: StepContext): NodeOutcome {
  switch (local.phase) {
    case 'offer': {
      if (event.type === 'digits') {
        const key = typeof event.digits === 'string' ? event.digits.charAt(0) : '';
        return key === callBack.acceptKey ? bookCallBack(nodeId, config, callBack, ctx) : { kind: 'next', outlet: 'noAnswer', ...(key ? because('survey.declinedCallBack', { keys: key }) : because('survey.declinedCallBackNothing')) };
      }
      if (event.type === 'noInput' || event.type === 'effectFailed') {
        const outcome = retryOrLeaveTries(local, config.maxRetries, 'noAnswer', 'noInput', (failures) => offerCallBack(callBack, config, ctx, failures));
        return outcome.kind === 'next' ? { ...outcome, inputFailed: false } : outcome;
      }
      return { kind: 'ignore' };
    }
    case 'booking': {
      // The caller said yes and put the phone down (as callers do once told they will be called): they were not
      // lost in the IVR. A plain ending, so an outcome recorded earlier (answeredFromQueue) still wins.
      if (event.type === 'hangup') return { kind: 'end', effects: [], outcome: 'selfServed', ...because('survey.hungUpAfterAccepting') };
      if (event.type === 'callbackResult') {
        if (!event.ok) return { kind: 'next', outlet: 'noAnswer', ...(event.reason === 'alreadyScheduled' ? because('survey.callBackAlreadyBooked') : event.error ? because('survey.callBackNotBookedError', { error: event.error }) : because('survey.callBackNotBooked')) };
        if (!callBack.booked) return { kind: 'next', outlet: 'done', ...because('survey.callBackBooked') };
        return { kind: 'wait', effects: [{ kind: 'play', prompt: ctx.resolvePrompt(callBack.booked), bargeIn: false }], local: { phase: 'booked' } satisfies SurveyLocal };
      }
      if (event.type === 'effectFailed') return { kind: 'next', outlet: 'noAnswer', ...because('survey.callBackNotBookedError', { error: event.message }) };
      return { kind: 'ignore' };
    }
    case 'booked':
      if (event.type === 'hangup') return { kind: 'end', effects: [], outcome: 'selfServed', ...because('survey.hungUpAfterBooked') };
      return event.type === 'promptFinished' || event.type === 'effectFailed' ? { kind: 'next', outlet: 'done', ...because('survey.callBackBooked') } : { kind: 'ignore' };
    default:
      return assertNever(local, 'survey phase');
  }
}

/**
 * The flow a survey call-back runs when the callee answers: the survey node's questions as the original call would
 * have asked them (same node id, flow name and language), then goodbye. Pure, shared by the runtime and the simulator.
 */
export function surveyCallbackFlow(spec: SurveyCallbackSpec): CompiledFlow {
  const startId = `${spec.nodeId}:call-back`;
  const endId = `${spec.nodeId}:end`;
  return {
    format: COMPILED_FORMAT,
    name: spec.flow,
    schemaVersion: 1,
    languages: [spec.language],
    variables: [],
    entry: startId,
    nodes: {
      [startId]: { type: 'start', config: { answer: true }, next: { next: spec.nodeId } },
      [spec.nodeId]: { type: 'survey', config: spec.questions satisfies SurveyConfig, next: { done: endId, noAnswer: endId } },
      [endId]: { type: 'hangup', config: { goodbye: null, cause: 'NORMAL_CLEARING' }, next: {} },
    },
    subflows: [],
    hash: '',
  };
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

/** Does a prompt's text name `key` in every language it has? */
function namesKey(prompt: Prompt, key: string): boolean {
  const texts = Object.values(prompt.text ?? {}).filter((text) => text.trim() !== '');
  const alone = new RegExp(`(^|[^0-9*#])${key.replace(/[*#]/g, '\\$&')}([^0-9*#]|$)`);
  return texts.length === 0 || texts.every((text) => alone.test(text));
}

/**
 * A post-call satisfaction survey: "rate 1–5 by key", and optionally a second question. In `callBack` mode the
 * caller is offered a call-back instead (`scheduleSurveyCallback`; `done` once booked, `noAnswer` when declined,
 * not dialable or refused); the call-back runs {@link surveyCallbackFlow} and its ratings count for this call. Each answer is recorded
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
    mode: 'duringCall' as const,
    callBackDelayMinutes: 2,
    callBackAcceptKey: '1' as const,
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
    if (data.mode === 'callBack') {
      if (data.callBackOffer) ctx.checkPrompt(data.callBackOffer, 'callBackOffer', { required: true });
      if (data.callBackBooked) ctx.checkPrompt(data.callBackBooked, 'callBackBooked', { required: true });
    }
    return {
      question: data.question,
      secondQuestion: data.secondQuestion ?? null,
      timeoutMs: data.timeoutSeconds * 1000,
      maxRetries: data.maxRetries,
      retryPrompt: data.retryPrompt ?? null,
      ...(data.mode === 'callBack'
        ? { callBack: { delayMs: data.callBackDelayMinutes * 60_000, offer: data.callBackOffer ?? DEFAULT_CALL_BACK_OFFER, acceptKey: data.callBackAcceptKey, booked: data.callBackBooked ?? null } }
        : {}),
    };
  },
  lint: (data, ctx) => {
    if (!namesTheScale(data.question)) ctx.report('SB400.questionWithoutKeys', 'question', {});
    if (data.secondQuestion && !namesTheScale(data.secondQuestion)) ctx.report('SB400.secondQuestionWithoutKeys', 'secondQuestion', {});
    if (data.maxRetries > 0 && !data.retryPrompt) ctx.report('SB401.retryWithoutPrompt', 'retryPrompt', {});
    if (data.mode === 'callBack' && !namesKey(data.callBackOffer ?? DEFAULT_CALL_BACK_OFFER, data.callBackAcceptKey)) {
      ctx.report('SB402.offerWithoutKey', 'callBackOffer', { key: data.callBackAcceptKey });
    }
  },
  enter: (node, ctx) => {
    const callBack = node.config.callBack;
    if (!callBack) return ask(node.config, ctx, 1, 0);
    // A withheld or odd caller id cannot be called back: no offer the flow could not keep.
    if (!DIALABLE.test(dialableCaller(ctx))) return { kind: 'next', outlet: 'noAnswer', reason: 'the caller\'s number cannot be called back' };
    return offerCallBack(callBack, node.config, ctx, 0);
  },
  resume: (node, local, event, ctx) => {
    const config = node.config;
    const raw = local as SurveyLocal;
    if (raw.phase !== undefined) {
      if (!config.callBack) return { kind: 'ignore' };
      return resumeCallBack(node.id, config, config.callBack, raw, event, ctx);
    }
    const state = raw;
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
        return { kind: 'next', outlet: 'done', effects: [answer], ...because('survey.rated', { score }) };
      }
      case 'noInput':
      case 'effectFailed':
        return retryOrLeave(state, config.maxRetries, leaveUnanswered, 'noInput', (failures) => ask(config, ctx, state.question, failures));
      default:
        return { kind: 'ignore' };
    }
  },
});
