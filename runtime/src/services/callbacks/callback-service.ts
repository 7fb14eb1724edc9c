import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { recordLateSurveyAnswer } from '@switchboard/db';
import type { SurveyCallbackSpec } from '@switchboard/flows';
import type { CallbackBooking, CallbackRequest, CallbackService, SurveyCallbackRequest } from '../contracts.js';
import { counterOn, quietLogger } from '../metrics.js';
import { CallbackStore, isOpenCallbackConflict, type CallbackDatabase } from './callback-store.js';
import { nextOpening, windowRuleProblem } from './callback-window.js';

/** Settings for {@link createCallbackService}. */
export interface CallbackServiceOptions {
  /**
   * The switch group of the switch this runtime takes calls from (`SWITCH_GROUP`); every callback is booked in it,
   * so only a dialer of the same group places it. Default `default`.
   */
  switchGroup?: string;
  /**
   * A callback is never placed while the caller is on the call that asked for it: from that call's end plus this
   * long on (they have put the phone down). Default 15 s.
   */
  guardMs?: number;
  registry?: Registry;
  logger?: Logger;
}

/** A {@link CallbackService} that also hears when calls end (the runtime wires it to the end of every call). */
export interface ManagedCallbackService extends CallbackService {
  /**
   * The call `callId` ended at `at` (epoch ms): its callback, if it booked one, may be placed from `at + guardMs`.
   * Cheap for calls that booked none (nothing is read).
   */
  callEnded(callId: string, at: number): Promise<void>;
}

/** The `queue` of survey call-backs (they join none): one open survey call-back per number. */
export const SURVEY_QUEUE = '';

/** A number the switch can dial: digits with an optional leading `+` (anything else never reaches a dial string). */
export const DIALABLE_NUMBER = /^\+?[0-9]{3,20}$/;

/**
 * Stores keep-your-place callbacks in the `callbacks` table, where the dialer ({@link startCallbackDialer}) finds
 * them — so a callback survives any runtime restart once `schedule` has answered `ok`.
 *
 * - One open callback per number and queue: the database's partial unique index decides. A second request from
 *   another call answers `{ ok: false, reason: 'alreadyScheduled' }` and collapses into the first: it keeps the
 *   earlier place, and now also waits for the new call to end. The same call asking twice gets the same callback.
 * - The caller's original wait is stored (0 when `keepPlace` is false) with the time of the request: the dialer
 *   places the callback when the caller's virtual wait brings them to the front (`callback-turn.ts`), and the
 *   callee joins the queue with that virtual wait as `cc_base_score`.
 * - It is never placed while the caller is still on the call: only once {@link ManagedCallbackService.callEnded}
 *   reported that call's end, plus `guardMs` (or, when the runtime never saw it end, 15 minutes after asking).
 * - With a window, the callback is due at its next opening (luxon, in the window's time zone); the rule is
 *   stored so retries and missed windows move to the following opening.
 * - `priority` is not stored: mod_callcenter orders members by score only, and the score is the wait.
 */
export function createCallbackService(db: CallbackDatabase, options: CallbackServiceOptions = {}): ManagedCallbackService {
  const store = new CallbackStore(db);
  const logger = options.logger ?? quietLogger();
  const guardMs = options.guardMs ?? 15_000;
  /** Calls that booked (or re-asked for) a callback and have not ended yet. */
  const awaitingEnd = new Set<string>();
  /** Bookings still being written, so an end reported meanwhile waits for them. */
  const inFlight = new Map<string, Promise<CallbackBooking>>();
  const scheduled = counterOn(options.registry, 'switchboard_callbacks_scheduled_total', 'Callback requests by result', ['result']);

  const refuse = (message: string): CallbackBooking => {
    scheduled.inc({ result: 'error' });
    return { ok: false, reason: 'error', message };
  };

  async function schedule(request: CallbackRequest): Promise<CallbackBooking> {
    if (!DIALABLE_NUMBER.test(request.number)) return refuse(`"${request.number}" is not a number the switch can dial`);
    if (request.queue.trim() === '') return refuse('no queue to call back from');
    let opening = null;
    if (request.window) {
      const problem = windowRuleProblem(request.window);
      opening = problem === null ? nextOpening(request.window, request.requestedAt) : null;
      if (opening === null) return refuse(`the callback window never opens: ${problem ?? 'no opening within a week'}`);
    }
    try {
      const callbackId = await store.insert({
        number: request.number,
        queue: request.queue,
        switchGroup: options.switchGroup ?? 'default',
        originalWaitSeconds: request.keepPlace ? Math.max(0, Math.round(request.originalWaitSeconds)) : 0,
        callId: request.callId,
        requestedAt: new Date(request.requestedAt),
        nextAttemptAt: new Date(Math.max(request.requestedAt, opening?.start ?? 0)),
        rule: request.window,
        opening,
      });
      scheduled.inc({ result: 'scheduled' });
      awaitingEnd.add(request.callId);
      logger.info({ callbackId, queue: request.queue, callId: request.callId }, 'callback scheduled');
      return { ok: true, callbackId };
    } catch (error) {
      if (isOpenCallbackConflict(error)) return collapse(request);
      logger.error({ err: error, callId: request.callId }, 'callback could not be stored');
      return refuse(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * A survey call-back: a callback of purpose `survey` with no queue, due the delay after the asking call ends.
   * One open per number: a second call asking while one waits is told `alreadyScheduled` (nobody is surveyed
   * twice); the same call asking again gets the same one.
   */
  async function scheduleSurvey(request: SurveyCallbackRequest): Promise<CallbackBooking> {
    if (!DIALABLE_NUMBER.test(request.number)) return refuse(`"${request.number}" is not a number the switch can dial`);
    const delayMs = Math.max(0, Math.round(request.delayMs));
    try {
      const callbackId = await store.insert({
        number: request.number,
        queue: SURVEY_QUEUE,
        switchGroup: options.switchGroup ?? 'default',
        originalWaitSeconds: 0,
        callId: request.callId,
        requestedAt: new Date(request.requestedAt),
        nextAttemptAt: new Date(request.requestedAt + delayMs),
        rule: null,
        opening: null,
        survey: { ...request.survey, delayMs },
      });
      scheduled.inc({ result: 'surveyScheduled' });
      awaitingEnd.add(request.callId);
      logger.info({ callbackId, callId: request.callId, node: request.survey.nodeId }, 'survey call-back scheduled');
      return { ok: true, callbackId };
    } catch (error) {
      if (isOpenCallbackConflict(error)) {
        const open = await store.openCallback(request.number, SURVEY_QUEUE);
        if (open && open.callId === request.callId) return { ok: true, callbackId: open.id };
        scheduled.inc({ result: 'alreadyScheduled' });
        return { ok: false, reason: 'alreadyScheduled', message: 'a survey call-back to this number is already waiting' };
      }
      logger.error({ err: error, callId: request.callId }, 'survey call-back could not be stored');
      return refuse(error instanceof Error ? error.message : String(error));
    }
  }

  const tracked = (callId: string, booking: Promise<CallbackBooking>): Promise<CallbackBooking> => {
    inFlight.set(callId, booking);
    void booking.finally(() => {
      if (inFlight.get(callId) === booking) inFlight.delete(callId);
    });
    return booking;
  };

  async function collapse(request: CallbackRequest): Promise<CallbackBooking> {
    const open = await store.openCallback(request.number, request.queue);
    if (open && open.callId === request.callId) return { ok: true, callbackId: open.id };
    if (open && (await store.askedAgain(open.id, request.callId))) awaitingEnd.add(request.callId);
    scheduled.inc({ result: 'alreadyScheduled' });
    return { ok: false, reason: 'alreadyScheduled', message: `a callback to this number from ${request.queue} is already waiting` };
  }

  return {
    schedule(request) {
      return tracked(request.callId, schedule(request));
    },
    scheduleSurvey(request) {
      return tracked(request.callId, scheduleSurvey(request));
    },
    async surveyCallback(callbackId) {
      const row = await store.surveyCallback(callbackId);
      if (!row?.callId || row.survey === null) return null;
      return { callbackId, callId: row.callId, survey: row.survey as SurveyCallbackSpec };
    },
    async surveyAnswered(answer) {
      const counted = await db.sql.transaction((tx) => recordLateSurveyAnswer(tx, answer));
      if (!counted) logger.warn({ callId: answer.callId, question: answer.question }, 'survey call-back rating not stored: no such call, or that question was answered already');
    },
    async callEnded(callId, at) {
      await inFlight.get(callId)?.catch(() => undefined);
      if (!awaitingEnd.delete(callId)) return;
      try {
        await store.callerLeft(callId, new Date(at), guardMs);
      } catch (error) {
        // The callback is still placed, 15 minutes after it was asked for (the orphan rule of the dialer).
        logger.error({ err: error, callId }, 'end of the call that booked a callback not recorded');
      }
    },
  };
}
