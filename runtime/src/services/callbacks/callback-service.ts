import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CallbackBooking, CallbackRequest, CallbackService } from '../contracts.js';
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
  registry?: Registry;
  logger?: Logger;
}

/** A number the switch can dial: digits with an optional leading `+` (anything else never reaches a dial string). */
export const DIALABLE_NUMBER = /^\+?[0-9]{3,20}$/;

/**
 * Stores keep-your-place callbacks in the `callbacks` table, where the dialer ({@link startCallbackDialer}) finds
 * them — so a callback survives any runtime restart once `schedule` has answered `ok`.
 *
 * - One open callback per number and queue: the database's partial unique index decides, and a second request
 *   answers `{ ok: false, reason: 'alreadyScheduled' }`.
 * - The caller's original wait is stored (0 when `keepPlace` is false) and becomes the call's `cc_base_score`
 *   when it re-enters the queue, so callbacks are served in the order callers originally waited.
 * - With a window, the callback is due at its next opening (luxon, in the window's time zone); the rule is
 *   stored so retries and missed windows move to the following opening.
 * - `priority` is not stored: mod_callcenter orders members by score only, and the score is the original wait.
 */
export function createCallbackService(db: CallbackDatabase, options: CallbackServiceOptions = {}): CallbackService {
  const store = new CallbackStore(db);
  const logger = options.logger ?? quietLogger();
  const scheduled = counterOn(options.registry, 'switchboard_callbacks_scheduled_total', 'Callback requests by result', ['result']);

  const refuse = (message: string): CallbackBooking => {
    scheduled.inc({ result: 'error' });
    return { ok: false, reason: 'error', message };
  };

  return {
    async schedule(request: CallbackRequest): Promise<CallbackBooking> {
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
          nextAttemptAt: new Date(Math.max(request.requestedAt, opening?.start ?? 0)),
          rule: request.window,
          opening,
        });
        scheduled.inc({ result: 'scheduled' });
        logger.info({ callbackId, queue: request.queue, callId: request.callId }, 'callback scheduled');
        return { ok: true, callbackId };
      } catch (error) {
        if (isOpenCallbackConflict(error)) {
          scheduled.inc({ result: 'alreadyScheduled' });
          return { ok: false, reason: 'alreadyScheduled', message: `a callback to this number from ${request.queue} is already waiting` };
        }
        logger.error({ err: error, callId: request.callId }, 'callback could not be stored');
        return refuse(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
