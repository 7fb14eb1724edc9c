import type { Logger } from 'pino';
import type { ChannelData } from '../esl/index.js';
import type { CallServices } from '../effects/index.js';
import type { CallAnalytics, SurveyCallbackCall } from '../services/contracts.js';

/** Channel variables the callback dialer sets on a survey call-back it originates (`originate.ts`). */
export const SURVEY_PURPOSE_VARIABLE = 'sb_callback_purpose';
export const CALLBACK_ID_VARIABLE = 'sb_callback_id';

/** The callback id when the switch connected a survey call-back (not a caller), else null. */
export function surveyCallbackId(channel: ChannelData): string | null {
  return channel.variables[SURVEY_PURPOSE_VARIABLE] === 'survey' ? (channel.variables[CALLBACK_ID_VARIABLE] ?? '') : null;
}

/**
 * The services a survey call-back's session runs with: the callee's call is not a call to the flow (no record, no
 * visits, not in the live view or the KPIs' call counts); each rating goes to the callback service for the call
 * that booked it (`survey.callId`), whose record and rollups count it.
 */
export function surveyCallbackServices(services: CallServices, survey: SurveyCallbackCall, logger: Logger): CallServices {
  const analytics: CallAnalytics = {
    callStarted: () => undefined,
    nodeVisited: () => undefined,
    queueWaited: () => undefined,
    callEnded: () => undefined,
    surveyAnswered: (answer) => {
      services.callbacks
        .surveyAnswered({ callId: survey.callId, question: answer.question, score: answer.score })
        .catch((error: unknown) => logger.error({ err: String(error), callbackId: survey.callbackId, callId: survey.callId }, 'survey call-back rating not stored'));
    },
  };
  return { ...services, analytics };
}
