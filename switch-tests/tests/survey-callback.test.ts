/**
 * Survey call-backs on the real switch: a caller accepts the offer and hangs up; the runtime's dialer originates
 * the call-back (`{…}loopback/<number>/survey-callees '&socket(<runtime> async full)'`) with the configured dial
 * string and caller id; the callee's phone (freeswitch/conf/dialplan/survey-callees.xml) answers, hears the
 * questions from flite and presses the ratings; they are stored on the original call and in its rollups. A callee
 * who never answers, or declines, is tried again by the callback policy (3 attempts, 2 then 4 minutes apart) and
 * the callback fails with the switch's cause.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import type { SeenEvent } from '../src/observer.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

const NUMBER = '+15550351';
const CALLER_ID = '+15550199';
const CALLER_ID_NAME = 'Acme Survey';
const OFFER = 'May we call you back after this call for a short survey? Press 1 for yes.';
const BOOKED = 'Thank you. We will call you back shortly.';
const FIRST = 'How satisfied are you with your call? Press 1 for not at all, up to 5 for very satisfied.';
const SECOND = 'Was your problem solved? Press 1 for no, up to 5 for completely.';
/** The callback policy of the runtime's dialer (callback-dialer.ts): 3 attempts, backoff 2 min doubling. */
const RETRY_BASE_MS = 2 * 60_000;

let env: SuiteEnvironment;
beforeAll(async () => {
  // The runtime runs on the wall clock, so the test can tell when callbacks fall due and when they are retried.
  env = await startSuite({
    startAt: null,
    runtimeConfig: {
      DIAL_NUMBER_TEMPLATE: 'loopback/{destination}/survey-callees',
      CALLBACK_CALLER_ID_NUMBER: CALLER_ID,
      CALLBACK_CALLER_ID_NAME: CALLER_ID_NAME,
      CALLBACK_GUARD_SECONDS: '0',
      CALLBACK_RING_SECONDS: '10',
    },
  });
  await env.switchboard.deploy(
    NUMBER,
    flowDocument(
      'Survey by call-back',
      [
        {
          id: 'survey',
          type: 'survey',
          data: {
            mode: 'callBack',
            callBackDelayMinutes: 1,
            callBackOffer: say(OFFER),
            callBackBooked: say(BOOKED),
            question: say(FIRST),
            secondQuestion: say(SECOND),
            retryPrompt: say('Sorry, please press a key from 1 to 5.'),
            // Long enough that a loaded machine's checks between the question and the key never time it out.
            timeoutSeconds: 20,
          },
        },
        hangupNode('bye', 'Goodbye.'),
      ],
      [
        ['survey', 'done', 'bye'],
        ['survey', 'noAnswer', 'bye'],
      ],
    ),
  );
}, 120_000);
afterEach(async () => {
  await env.observer.hangUpEverything();
});
afterAll(async () => {
  await env?.close();
});

/** Calls the survey number from `caller`, accepts the call-back offer and hangs up once it is booked. */
async function bookSurveyCallBack(caller: string) {
  const call = await env.observer.call(NUMBER, { caller });
  await waitUntilSpoken(call.bLeg, OFFER);
  await call.dtmf('1');
  await waitUntilSpoken(call.bLeg, BOOKED);
  await call.hangup();
  await call.ended();
  const record = await env.switchboard.callRecord(caller);
  // Released once the runtime saw the call end: due the survey's delay after it.
  const callback = await poll(() => env.switchboard.database.prisma.callback.findFirst({ where: { callId: record.callId } }), (row) => row?.callerLeftAt != null, 'the call-back released');
  return { call, record, callback: callback! };
}

/** The runtime's clock is the wall clock: move a pending callback's next attempt to now (the delay has passed). */
async function fallDueNow(callbackId: string): Promise<number> {
  const now = Date.now();
  await env.switchboard.database.prisma.callback.update({ where: { id: callbackId }, data: { nextAttemptAt: new Date(now) } });
  return now;
}

async function waitUntilSpoken(uuid: string | Promise<string>, text: string, timeoutMs = 20_000): Promise<void> {
  const channel = await uuid;
  await poll(async () => env.spokenOnChannel(channel), (spoken) => spoken.includes(text), `"${text}" spoken on ${channel}`, timeoutMs);
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The originated legs of a callback: loopback's `-a` leg, which carries `sb_callback_id` and runs `&socket(…)`
 * (its `-b` leg, the callee's phone, inherits the variables).
 */
function originatedLegs(callbackId: string): SeenEvent[] {
  return env.observer.seen.filter((e) => e.name === 'CHANNEL_CREATE' && e.header('variable_sb_callback_id') === callbackId && /-a$/.test(e.header('Channel-Name') ?? ''));
}

describe('survey call-back on the real switch', () => {
  it('originates the call-back with the dial string and caller id; the callee rates 4 and 2; the ratings land on the original call and its rollups', async () => {
    const caller = '+17770000001';
    const { record, callback } = await bookSurveyCallBack(caller);
    expect(callback).toMatchObject({ purpose: 'survey', number: caller, status: 'pending', attempts: 0 });
    expect(callback.nextAttemptAt.getTime()).toBe(callback.callerLeftAt!.getTime() + 60_000);
    // The caller hung up during "we will call you back": served, not abandoned in the IVR.
    expect(record.outcome).toBe('selfServed');

    await fallDueNow(callback.id);
    // The switch's side: the originated leg (dial string loopback/<number>/survey-callees, our caller id) and the
    // callee's phone (the loopback's far leg in the survey-callees context).
    const aLeg = await env.observer.waitFor((e) => e.name === 'CHANNEL_CREATE' && e.header('variable_sb_callback_id') === callback.id && e.header('Channel-Name') === `loopback/${caller}-a`, 20_000, 'the survey call-back originated');
    expect(aLeg.header('Channel-Name')).toBe(`loopback/${caller}-a`);
    expect(aLeg.header('variable_sb_callback_purpose')).toBe('survey');
    expect(aLeg.header('Caller-Caller-ID-Number')).toBe(CALLER_ID);
    const phone = await env.observer.waitFor((e) => e.name === 'CHANNEL_CREATE' && e.header('Channel-Name') === `loopback/${caller}-b`, 10_000, "the callee's phone");
    expect(phone.header('Caller-Context')).toBe('survey-callees');
    expect(phone.header('Caller-Caller-ID-Number')).toBe(CALLER_ID);
    expect(phone.header('Caller-Caller-ID-Name')).toBe(CALLER_ID_NAME);

    // Answered: the originated leg is handed to the runtime's socket, which asks the first question.
    await waitUntilSpoken(aLeg.uuid, FIRST);
    // The answered leg ran `socket(<runtime> async full)` (the runtime then drives it: `show channels` lists the
    // application running now, e.g. play_and_get_digits, so the socket is read from the events).
    const socket = await env.observer.waitFor((e) => e.name === 'CHANNEL_EXECUTE' && e.header('Application') === 'socket', 10_000, 'the call-back handed to the runtime', { channel: aLeg.uuid });
    expect(socket.header('Application-Data')).toBe(`${env.switchboard.runtimeAddress} async full`);
    // `show channels` (the switch's core database, written in the background: polled) has both legs with our caller id.
    const channels = await poll(() => env.observer.channels(), (rows) => [aLeg.uuid, phone.uuid].every((uuid) => rows.some((row) => row['uuid'] === uuid)), 'the call-back in show channels');
    for (const uuid of [aLeg.uuid, phone.uuid]) {
      expect(channels.find((row) => row['uuid'] === uuid)).toMatchObject({ dest: caller, context: 'survey-callees', initial_cid_num: CALLER_ID, initial_cid_name: CALLER_ID_NAME });
    }
    await env.observer.api(`uuid_send_dtmf ${phone.uuid} 4`);
    await waitUntilSpoken(aLeg.uuid, SECOND);
    await env.observer.api(`uuid_send_dtmf ${phone.uuid} 2`);
    await env.observer.waitFor((e) => e.name === 'CHANNEL_HANGUP_COMPLETE', 20_000, 'the survey call-back hung up', { channel: aLeg.uuid });
    // The callee heard the questions and nothing of a queue callback (no "calling you back … you are next in line").
    expect(env.spokenOnChannel(aLeg.uuid)).toEqual([FIRST, SECOND]);

    const database = env.switchboard.database;
    const rated = await poll(() => database.prisma.callRecord.findFirstOrThrow({ where: { callId: record.callId } }), (r) => r.surveySecondScore !== null, 'the ratings on the call record');
    expect([rated.surveyScore, rated.surveySecondScore]).toEqual([4, 2]);
    // The call-back is no call of its own: one record for this caller's two calls.
    expect(await database.prisma.callRecord.count({ where: { OR: [{ callerNumber: caller }, { callerNumber: CALLER_ID }] } })).toBe(1);
    const done = await database.prisma.callback.findUniqueOrThrow({ where: { id: callback.id } });
    expect(done).toMatchObject({ status: 'completed', attempts: 1, lastError: null });
    expect(originatedLegs(callback.id)).toHaveLength(1);
    const rollups = await database.sql.query<{ calls: number; callbacks_requested: number; survey_answers: number; survey_score_sum: number; survey_scores: number[]; survey_second_answers: number; survey_second_score_sum: number }>(
      `SELECT calls, callbacks_requested, survey_answers, survey_score_sum, survey_scores, survey_second_answers, survey_second_score_sum FROM call_rollups_hourly WHERE version_id = $1`,
      [rated.versionId],
    );
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ calls: 1, callbacks_requested: 0, survey_answers: 1, survey_score_sum: 4, survey_scores: [0, 0, 0, 1, 0], survey_second_answers: 1, survey_second_score_sum: 2 });
  }, 120_000);

  it('a callee who answers and hangs up at the first question: the call-back is done (not retried) and the call has no rating', async () => {
    const caller = '+17770000002';
    const { record, callback } = await bookSurveyCallBack(caller);
    await fallDueNow(callback.id);
    const aLeg = await env.observer.waitFor((e) => e.name === 'CHANNEL_CREATE' && e.header('variable_sb_callback_id') === callback.id && e.header('Channel-Name') === `loopback/${caller}-a`, 20_000, 'the survey call-back originated');
    const phone = await env.observer.waitFor((e) => e.name === 'CHANNEL_CREATE' && e.header('Channel-Name') === `loopback/${caller}-b`, 10_000, "the callee's phone");
    await waitUntilSpoken(aLeg.uuid, FIRST);
    await env.observer.api(`uuid_kill ${phone.uuid}`);
    await env.observer.waitFor((e) => e.name === 'CHANNEL_HANGUP_COMPLETE', 20_000, 'the survey call-back hung up', { channel: aLeg.uuid });
    const database = env.switchboard.database;
    const row = await poll(() => database.prisma.callback.findUniqueOrThrow({ where: { id: callback.id } }), (r) => r.status !== 'in_progress', 'the callback finished');
    expect(row).toMatchObject({ status: 'completed', attempts: 1 });
    // Nothing more is dialled for it, and nothing is rated.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(originatedLegs(callback.id)).toHaveLength(1);
    const stored = await database.prisma.callRecord.findFirstOrThrow({ where: { callId: record.callId } });
    expect([stored.surveyScore, stored.surveySecondScore]).toEqual([null, null]);
  }, 120_000);

  for (const { caller, cause, who } of [
    { caller: '+14440000001', cause: 'NO_ANSWER', who: 'never answers' },
    { caller: '+16660000001', cause: 'CALL_REJECTED', who: 'declines' },
  ]) {
    it(`a callee who ${who}: tried again 2 and 4 minutes later, then failed with ${cause}; no rating`, async () => {
      const { record, callback } = await bookSurveyCallBack(caller);
      const database = env.switchboard.database;
      for (const attempt of [1, 2, 3]) {
        const dueAt = await fallDueNow(callback.id);
        const row = await poll(() => database.prisma.callback.findUniqueOrThrow({ where: { id: callback.id } }), (r) => r.attempts === attempt && r.status !== 'in_progress', `attempt ${attempt} finished`, 30_000);
        expect(row.lastError).toBe(`attempt ${attempt}: ${cause}`);
        if (attempt < 3) {
          expect(row.status).toBe('pending');
          // Backoff from when the attempt was made (after it fell due), doubling: 2 min, then 4.
          const backoff = RETRY_BASE_MS * 2 ** (attempt - 1);
          expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(dueAt + backoff);
          // …at most the ring time (10 s) and a dialer round (2 s) later, with slack for a loaded machine.
          expect(row.nextAttemptAt.getTime()).toBeLessThan(dueAt + backoff + 20_000);
        } else {
          expect(row.status).toBe('failed');
        }
      }
      // Each attempt rang the callee's phone once, and the runtime never got a survey call of it.
      const legs = originatedLegs(callback.id);
      expect(legs).toHaveLength(3);
      for (const leg of legs) expect(env.observer.eventsOf(leg.uuid).some((e) => e.name === 'CHANNEL_ANSWER')).toBe(false);
      const stored = await database.prisma.callRecord.findFirstOrThrow({ where: { callId: record.callId } });
      expect([stored.surveyScore, stored.surveySecondScore]).toEqual([null, null]);
    }, 120_000);
  }
});
