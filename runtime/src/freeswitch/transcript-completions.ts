import { loadTranscript, streamOf } from '../esl/conformance/transcript.js';
import { decodeEvent, eventHeader, eventVariables } from '../esl/event.js';
import { EslFrameParser } from '../esl/parser.js';
import type { AppCompletion } from './results.js';

/**
 * Test support: every CHANNEL_EXECUTE_COMPLETE a recorded FreeSWITCH sent on one outbound socket, in order, as
 * the result mapping sees it.
 */
export function recordedCompletions(transcript: string): AppCompletion[] {
  const completions: AppCompletion[] = [];
  for (const output of new EslFrameParser().push(streamOf(loadTranscript(transcript), 'received'))) {
    if (output.kind !== 'frame') continue;
    const decoded = decodeEvent(output.frame);
    if (!decoded.ok || decoded.event.name !== 'CHANNEL_EXECUTE_COMPLETE') continue;
    const event = decoded.event;
    completions.push({
      application: eventHeader(event, 'Application') ?? '',
      response: eventHeader(event, 'Application-Response') ?? '_none_',
      variables: eventVariables(event),
      channelHungUp: eventHeader(event, 'Answer-State') === 'hangup',
    });
  }
  return completions;
}
