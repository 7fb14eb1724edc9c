import { describe, expect, it } from 'vitest';
import { digitsOutcome, promptOutcome, queueOutcome, RUNTIME_LEAVE_KEY, transferOutcome, voicemailOutcome, type AppCompletion } from './results.js';
import { recordedCompletions } from './transcript-completions.js';

function completion(application: string, variables: Record<string, string>, extra: Partial<AppCompletion> = {}): AppCompletion {
  return { application, response: '_none_', variables, channelHungUp: false, ...extra };
}

describe('result mapping against real FreeSWITCH completions', () => {
  it('03: a pressed key is the digits; silence (no ivr_digit at all) is no input', () => {
    const [pressed, silent] = recordedCompletions('03-outbound-play-and-get-digits');
    expect(digitsOutcome(pressed!, 'ivr_digit')).toEqual({ kind: 'digits', digits: '2' });
    expect(digitsOutcome(silent!, 'ivr_digit')).toEqual({ kind: 'noInput' });
  });

  it('05: max-wait-time in mod_callcenter (cc_cancel_reason TIMEOUT) is a queue timeout', () => {
    const [callcenter] = recordedCompletions('05-outbound-callcenter');
    expect(callcenter!.application).toBe('callcenter');
    expect(queueOutcome(callcenter!)).toEqual({ kind: 'exit', reason: 'timeout' });
  });

  it('06: busy and no-route bridges are busy and failed; without continue_on_fail the caller is gone', () => {
    const bridges = recordedCompletions('06-outbound-bridge-fail').filter((c) => c.application === 'bridge');
    expect(bridges.map(transferOutcome)).toEqual([
      { kind: 'result', result: 'busy', cause: 'USER_BUSY' },
      { kind: 'result', result: 'failed', cause: 'NO_ROUTE_DESTINATION' },
      { kind: 'callerGone' },
    ]);
  });

  it('08: PLAYBACK ERROR on a hung-up channel is the caller leaving, not a failed prompt', () => {
    const [playback] = recordedCompletions('08-outbound-caller-hangs-up-mid-prompt');
    expect(playback!.response).toBe('PLAYBACK ERROR');
    expect(promptOutcome(playback!)).toEqual({ kind: 'callerGone' });
  });
});

describe('result mapping of outcomes the recordings do not show', () => {
  it('rejected entries from <var>_invalid are reported as digits so the flow can call them invalid', () => {
    expect(digitsOutcome(completion('play_and_get_digits', { read_result: 'failure', d_invalid: '99' }), 'd')).toEqual({ kind: 'digits', digits: '99' });
    expect(digitsOutcome(completion('play_and_get_digits', { read_result: 'timeout' }), 'd')).toEqual({ kind: 'noInput' });
  });

  it('a prompt that plays to the end, or a missing file with the caller still there', () => {
    expect(promptOutcome(completion('speak', {}))).toEqual({ kind: 'finished' });
    expect(promptOutcome(completion('playback', {}, { response: 'FILE PLAYED' }))).toEqual({ kind: 'finished' });
    expect(promptOutcome(completion('playback', {}, { response: 'PLAYBACK ERROR' }))).toMatchObject({ kind: 'failed' });
  });

  it('transfers: answered (even after hangup_after_bridge), no answer, DIALSTATUS only, caller hung up while ringing', () => {
    expect(transferOutcome(completion('bridge', { originate_disposition: 'SUCCESS' }, { channelHungUp: true }))).toMatchObject({ result: 'answered' });
    expect(transferOutcome(completion('bridge', { originate_disposition: 'NO_ANSWER' }))).toMatchObject({ result: 'noAnswer' });
    expect(transferOutcome(completion('bridge', { originate_disposition: 'NO_USER_RESPONSE' }))).toMatchObject({ result: 'noAnswer' });
    expect(transferOutcome(completion('bridge', { DIALSTATUS: 'NOANSWER' }))).toMatchObject({ result: 'noAnswer', cause: 'NO_ANSWER' });
    expect(transferOutcome(completion('bridge', { originate_disposition: 'CALL_REJECTED' }))).toMatchObject({ result: 'failed', cause: 'CALL_REJECTED' });
    expect(transferOutcome(completion('bridge', { originate_disposition: 'ORIGINATOR_CANCEL' }, { channelHungUp: true }))).toEqual({ kind: 'callerGone' });
  });

  it('queues: an agent answered, whether or not that call is over yet', () => {
    expect(queueOutcome(completion('callcenter', { cc_agent: 'alice', cc_queue_answered_epoch: '1' }))).toEqual({ kind: 'agentAnswered', agent: 'alice', callEnded: false });
    expect(queueOutcome(completion('callcenter', { cc_agent: 'alice', cc_queue_terminated_epoch: '9' }))).toEqual({ kind: 'agentAnswered', agent: 'alice', callEnded: true });
    expect(queueOutcome(completion('callcenter', { cc_agent: 'alice' }, { channelHungUp: true }))).toMatchObject({ callEnded: true });
    expect(queueOutcome(completion('callcenter', { cc_cause: 'answered' }))).toMatchObject({ kind: 'agentAnswered' });
  });

  // Every value of mod_callcenter's MEMBER_CANCEL_REASON_CHART (mod_callcenter.c, FreeSWITCH 1.10.12).
  it.each([
    ['TIMEOUT', {}, { kind: 'exit', reason: 'timeout' }],
    ['NO_AGENT_TIMEOUT', {}, { kind: 'exit', reason: 'noAgents' }],
    // Seen on the real switch: "exit queue support@default due to EXIT_WITH_KEY" with cc_exit_key=1.
    ['EXIT_WITH_KEY', { cc_exit_key: '1' }, { kind: 'exit', reason: 'exitKey', detail: '1' }],
    ['EXIT_WITH_KEY', { cc_exit_key: RUNTIME_LEAVE_KEY }, { kind: 'leftOnRequest' }],
    ['EXIT_WITH_KEY', {}, { kind: 'exit', reason: 'error', detail: 'cc_cancel_reason EXIT_WITH_KEY without cc_exit_key' }],
    // The wait loop ended without a reason while the channel was up (e.g. transferred away): not the caller's key.
    ['BREAK_OUT', {}, { kind: 'exit', reason: 'error', detail: 'cc_cancel_reason BREAK_OUT' }],
    ['BREAK_OUT', { cc_exit_key: '1' }, { kind: 'exit', reason: 'error', detail: 'cc_cancel_reason BREAK_OUT' }],
    ['NONE', {}, { kind: 'exit', reason: 'error', detail: 'cc_cancel_reason NONE' }],
  ] as const)('queues: cc_cancel_reason %s %o', (reason, extra, expected) => {
    expect(queueOutcome(completion('callcenter', { cc_cancel_reason: reason, ...extra }))).toEqual(expected);
  });

  it('queues: a hung-up caller is gone whatever the reason; no reason at all is an error', () => {
    for (const reason of ['TIMEOUT', 'NO_AGENT_TIMEOUT', 'EXIT_WITH_KEY', 'BREAK_OUT', 'NONE']) {
      expect(queueOutcome(completion('callcenter', { cc_cancel_reason: reason, cc_exit_key: '1' }, { channelHungUp: true }))).toEqual({ kind: 'callerGone' });
    }
    expect(queueOutcome(completion('callcenter', {}))).toMatchObject({ kind: 'exit', reason: 'error' });
  });

  it('voicemail ends normally or with the caller hanging up', () => {
    expect(voicemailOutcome(completion('voicemail', {}))).toEqual({ kind: 'finished' });
    expect(voicemailOutcome(completion('voicemail', {}, { channelHungUp: true }))).toEqual({ kind: 'callerGone' });
  });
});
