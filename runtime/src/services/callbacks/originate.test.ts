import { describe, expect, it } from 'vitest';
import { recordedReceivedBlocks } from '../../esl/conformance/replay.js';
import { loadTranscript } from '../../esl/conformance/transcript.js';
import { decodeEvent } from '../../esl/event.js';
import { contentType } from '../../esl/frame.js';
import { isPermanentCause, originateArguments, originateOutcome } from './originate.js';

describe('originate for a callback', () => {
  const callback = { id: '6f1c8a0e-1d7b-4d47-9b7a-0c8f5d1e2a33', number: '+4930123456', queue: 'support@default', originalWaitSeconds: 187.6 };

  it('joins the queue with the original wait as base score and the company number as caller id', () => {
    expect(originateArguments(callback, { dialString: 'sofia/gateway/carrier/{number}', target: { kind: 'queue' }, callerIdNumber: '4005551234', ringSeconds: 45 })).toBe(
      '{origination_caller_id_number=4005551234,cc_base_score=188,originate_timeout=45,ignore_early_media=true,' +
        'sb_callback_id=6f1c8a0e-1d7b-4d47-9b7a-0c8f5d1e2a33,sb_callback_queue=support@default}sofia/gateway/carrier/+4930123456 &callcenter(support@default)',
    );
  });

  it("accepts the runtime's {destination} dial templates too", () => {
    expect(originateArguments(callback, { dialString: 'sofia/gateway/default/{destination}', target: { kind: 'queue' }, ringSeconds: 45 })).toContain('}sofia/gateway/default/+4930123456 &callcenter(');
  });

  it('can hand the callee to a dialplan extension instead', () => {
    expect(originateArguments(callback, { dialString: 'loopback/{number}/default', target: { kind: 'extension', extension: 'callback', context: 'default' }, ringSeconds: 30 })).toMatch(
      /^\{cc_base_score=188,.*\}loopback\/\+4930123456\/default callback XML default$/,
    );
  });

  it('refuses values that could break out of the variable block', () => {
    expect(() => originateArguments({ ...callback, number: '123,foo=bar' }, { dialString: '{number}', target: { kind: 'queue' }, ringSeconds: 30 })).toThrow();
    expect(() => originateArguments({ ...callback, queue: 'a}b' }, { dialString: '{number}', target: { kind: 'queue' }, ringSeconds: 30 })).toThrow();
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
