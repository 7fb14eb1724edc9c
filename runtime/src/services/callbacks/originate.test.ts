import { describe, expect, it } from 'vitest';
import { recordedReceivedBlocks } from '../../esl/conformance/replay.js';
import { loadTranscript } from '../../esl/conformance/transcript.js';
import { decodeEvent } from '../../esl/event.js';
import { contentType } from '../../esl/frame.js';
import { announcementTextProblem, callerIdNameProblem, isPermanentCause, originateArguments, originateOutcome, type OriginateSettings } from './originate.js';

describe('originate for a callback', () => {
  const callback = { id: '6f1c8a0e-1d7b-4d47-9b7a-0c8f5d1e2a33', number: '+4930123456', queue: 'support@default', baseScoreSeconds: 187.6 };
  const plain: OriginateSettings = { dialString: 'sofia/gateway/carrier/{number}', callerIdNumber: null, callerIdName: null, announcement: null, target: { kind: 'queue' }, ringSeconds: 45 };

  it('joins the queue with the virtual wait as base score and the company number as caller id, listed there with the callee\'s number', () => {
    expect(originateArguments(callback, { ...plain, callerIdNumber: '4005551234' })).toBe(
      '{origination_caller_id_number=4005551234,cc_base_score=188,originate_timeout=45,ignore_early_media=true,' +
        'sb_callback_id=6f1c8a0e-1d7b-4d47-9b7a-0c8f5d1e2a33,sb_callback_queue=support@default}sofia/gateway/carrier/+4930123456 ' +
        "'m:^:set_profile_var:caller_id_name=Callback^set_profile_var:caller_id_number=+4930123456^callcenter:support@default' inline",
    );
  });

  it('tells the callee who is calling and why before queueing them, with the caller id name quoted as one argument', () => {
    const announcement = { kind: 'speech', engine: 'flite', voice: 'kal', text: 'Hello, this is Acme Support calling you back, as you asked. Please hold.' } as const;
    expect(originateArguments(callback, { ...plain, callerIdNumber: '+15550199', callerIdName: 'Acme Support', announcement })).toBe(
      "{origination_caller_id_number=+15550199,origination_caller_id_name='Acme Support',cc_base_score=188,originate_timeout=45,ignore_early_media=true," +
        'sb_callback_id=6f1c8a0e-1d7b-4d47-9b7a-0c8f5d1e2a33,sb_callback_queue=support@default}sofia/gateway/carrier/+4930123456 ' +
        "'m:^:set_profile_var:caller_id_name=Callback^set_profile_var:caller_id_number=+4930123456^speak:flite|kal|Hello, this is Acme Support calling you back, as you asked. Please hold.^callcenter:support@default' inline",
    );
    expect(originateArguments(callback, { ...plain, announcement: { kind: 'file', path: '/var/sounds/callback.wav' } })).toMatch(/\^playback:\/var\/sounds\/callback\.wav\^callcenter:support@default' inline$/);
  });

  it("accepts the runtime's {destination} dial templates too", () => {
    expect(originateArguments(callback, { ...plain, dialString: 'sofia/gateway/default/{destination}' })).toContain("}sofia/gateway/default/+4930123456 'm:^:");
  });

  it('can hand the callee to a dialplan extension instead', () => {
    expect(originateArguments(callback, { ...plain, dialString: 'loopback/{number}/default', target: { kind: 'extension', extension: 'callback', context: 'default' }, ringSeconds: 30 })).toMatch(
      /^\{cc_base_score=188,.*\}loopback\/\+4930123456\/default callback XML default$/,
    );
  });

  it('refuses values that could break out of the variable block, the quotes or the inline separator', () => {
    expect(() => originateArguments({ ...callback, number: '123,foo=bar' }, { ...plain, dialString: '{number}' })).toThrow();
    expect(() => originateArguments({ ...callback, queue: 'a}b' }, { ...plain, dialString: '{number}' })).toThrow();
    expect(() => originateArguments(callback, { ...plain, callerIdName: "Acme's,x=1" })).toThrow(/caller id name/);
    expect(() => originateArguments(callback, { ...plain, announcement: { kind: 'speech', engine: 'flite', voice: 'kal', text: "it's ^ ${x}" } })).toThrow(/announcement/);
    expect(callerIdNameProblem('Acme Support')).toBeNull();
    expect(announcementTextProblem('Hello, this is Acme (support): please hold!')).toBeNull();
  });

  it('reads the BACKGROUND_JOB bodies FreeSWITCH sent in transcript 07', () => {
    const transcript = loadTranscript('07-inbound-originate-callback');
    const bodies = recordedReceivedBlocks(transcript)
      .flat()
      .filter((frame) => contentType(frame) === 'text/event-plain')
      .map((frame) => decodeEvent(frame))
      .flatMap((decoded) => (decoded.ok && decoded.event.name === 'BACKGROUND_JOB' ? [decoded.event.body ?? ''] : []));
    expect(bodies.map(originateOutcome)).toEqual([
      { placed: true, uuid: 'bb8600e3-1e59-42d1-92ed-81652335d03a' },
      { placed: false, cause: 'USER_BUSY' },
    ]);
    expect(originateOutcome('-ERR NO_ROUTE_DESTINATION\n')).toEqual({ placed: false, cause: 'NO_ROUTE_DESTINATION' });
    expect(isPermanentCause('USER_BUSY')).toBe(false);
    expect(isPermanentCause('UNALLOCATED_NUMBER')).toBe(true);
  });
});
