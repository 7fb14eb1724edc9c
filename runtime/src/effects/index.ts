import type { Effect, EffectKind } from '@switchboard/flows';
import { announce } from './announce.js';
import { answer } from './answer.js';
import { calendarMissing } from './calendarMissing.js';
import { cancelTimer } from './cancelTimer.js';
import { collectDigits } from './collectDigits.js';
import { end } from './end.js';
import { enqueue } from './enqueue.js';
import { enterSubflow } from './enterSubflow.js';
import { exitSubflow } from './exitSubflow.js';
import { hangup } from './hangup.js';
import { httpRequest } from './httpRequest.js';
import { leaveQueue } from './leaveQueue.js';
import { play } from './play.js';
import { queueStatus } from './queueStatus.js';
import { scheduleCallback } from './scheduleCallback.js';
import { scheduleSurveyCallback } from './scheduleSurveyCallback.js';
import { setVariable } from './setVariable.js';
import { startTimer } from './startTimer.js';
import { subflowRefused } from './subflowRefused.js';
import { surveyAnswer } from './surveyAnswer.js';
import { transfer } from './transfer.js';
import type { EffectContext, EffectExecutor } from './types.js';
import { visit } from './visit.js';
import { voicemail } from './voicemail.js';

export type { CallServices, EffectContext, EffectExecutor, EffectMetrics, QueueWait } from './types.js';

/** One executor per effect kind. */
export const EXECUTORS = {
  visit,
  answer,
  play,
  collectDigits,
  announce,
  queueStatus,
  enqueue,
  leaveQueue,
  startTimer,
  cancelTimer,
  transfer,
  scheduleCallback,
  scheduleSurveyCallback,
  setVariable,
  httpRequest,
  enterSubflow,
  exitSubflow,
  subflowRefused,
  calendarMissing,
  surveyAnswer,
  voicemail,
  hangup,
  end,
} satisfies { [K in EffectKind]: EffectExecutor<K> };

/** Runs the executor for `effect`'s kind. */
export function executeEffect(effect: Effect, ctx: EffectContext): void | Promise<void> {
  return (EXECUTORS[effect.kind] as EffectExecutor<typeof effect.kind>)(effect as never, ctx);
}
