import { DEFAULT_MODULES } from '@switchboard/esl-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { scaledClock, type RuntimeClock } from './clock.js';
import { FakeVersionSource } from '../testing/fakes.js';
import { compiledFlow, greetingFlow, liveVersion } from '../testing/flows.js';
import { exampleFlow, startHarness, TIME_SCALE, type Harness } from '../testing/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Monday 23 Nov 2026, 10:00 in London: the example main menu is open. */
const MONDAY_MORNING = Date.UTC(2026, 10, 23, 10, 0, 0);

/** About 100 s of speech in the emulator (75 ms a character). */
const LONG_MESSAGE = 'Thank you for calling. '.repeat(60).trim();

describe('call session through the emulator', () => {
  it('plays a greeting and hangs up: the flow\'s commands, in order, then exit', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Hello', 'Thank you for calling.'))]) });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '4005551234' });
    const summary = await harness.summaryOf(call.bLegUuid);
    expect(summary).toMatchObject({ outcome: 'selfServed', versionId: 'Hello-v1', fallback: null });
    expect(harness.commands.get(call.bLegUuid)).toEqual([
      'execute answer',
      'execute set playback_terminators=none',
      'execute speak flite|kal|Thank you for calling.',
      'execute hangup NORMAL_CLEARING',
    ]);
    expect((await call.finished).hangupCause).toBe('NORMAL_CLEARING');
  });

  it('menu by DTMF: 2 → support queue → an agent answers → goodbye', async () => {
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]),
      startAt: MONDAY_MORNING,
      emulator: { queues: { 'support@default': { agents: [{ name: 'alice', answerAfterSeconds: 20, talkSeconds: 60 }] } } },
    });
    const call = harness.emulator.placeCall({ destination: '1000', script: { dtmf: [{ digits: '2' }] } });
    const summary = await harness.summaryOf(call.bLegUuid);
    expect(summary.outcome).toBe('answeredFromQueue');
    const commands = harness.commands.get(call.bLegUuid) ?? [];
    expect(commands).toContain('execute callcenter support@default');
    expect(commands.at(-2)).toBe('execute speak flite|kal|Thank you for calling. Goodbye.');
    expect(harness.analytics.visits.filter((v) => v.callId === call.bLegUuid).map((v) => v.nodeId)).toEqual(['start', 'hours', 'welcome', 'menu', 'support', 'bye']);
    // The call record gets the switch's queue times and the agent call's length (60 s with alice).
    const [wait] = harness.analytics.queueWaits.filter((w) => w.callId === call.bLegUuid);
    expect(wait).toMatchObject({ queue: 'support@default', agent: 'alice' });
    expect(wait?.answeredAt).toBe(wait?.leftAt);
    expect((wait?.answeredAt ?? 0) - (wait?.joinedAt ?? 0)).toBeGreaterThanOrEqual(20_000);
    // From the switch's own whole-second stamps: at least alice's 60 s (less a second boundary). No upper bound: the
    // emulator's scaled clock runs on under a loaded machine while the agent call ends.
    expect(wait?.talkMs ?? 0).toBeGreaterThanOrEqual(59_000);
    expect((wait?.talkMs ?? 0) % 1000).toBe(0);
  });

  it('an agent call that runs past the queue\'s max wait is never cut off to overflow', async () => {
    // main-menu's support queue overflows after 300 s; alice picks up at 200 s and talks for 5 minutes.
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]),
      startAt: MONDAY_MORNING,
      emulator: { queues: { 'support@default': { agents: [{ name: 'alice', answerAfterSeconds: 200, talkSeconds: 300 }] } } },
    });
    const call = harness.emulator.placeCall({ destination: '1000', script: { dtmf: [{ digits: '2' }] } });
    const summary = await harness.summaryOf(call.bLegUuid);
    expect(summary.outcome).toBe('answeredFromQueue');
    const commands = harness.commands.get(call.bLegUuid) ?? [];
    expect(commands.some((command) => command.startsWith('execute voicemail'))).toBe(false);
    expect(commands.at(-2)).toBe('execute speak flite|kal|Thank you for calling. Goodbye.');
  });

  it('no input, then an invalid key, then a valid one: the menu apologises and retries', async () => {
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]),
      startAt: MONDAY_MORNING,
      emulator: { queues: { 'sales@default': { agents: [{ name: 'bob', answerAfterSeconds: 5, talkSeconds: 10 }] } } },
    });
    const call = harness.emulator.placeCall({ destination: '1000', script: { dtmf: [null, { digits: '7' }, { digits: '1' }] } });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('answeredFromQueue');
    const asks = (harness.commands.get(call.bLegUuid) ?? []).filter((command) => command.startsWith('execute play_and_get_digits'));
    expect(asks).toHaveLength(3);
    expect(asks[1]).toContain(String.raw`'say:Sorry, I didn\\\\\\'t hear a choice.!say:For sales, press 1.`);
    expect(asks[2]).toContain("'say:Sorry, that is not one of the options.!say:For sales");
    expect(harness.commands.get(call.bLegUuid)).toContain('execute callcenter sales@default');
    // What the caller hears, as FreeSWITCH reads those arguments (the apostrophe once came out as a TAB).
    const spoken = (await call.finished).log.flatMap((entry) => (entry.kind === 'note' && entry.text.startsWith('Speaking text: ') ? [entry.text.slice(15)] : []));
    expect(spoken).toContain("Sorry, I didn't hear a choice.");
    expect(spoken).toContain('Sorry, that is not one of the options.');
  });

  it('holiday: on Christmas Day the caller hears the holiday message and the call ends', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]), startAt: Date.UTC(2026, 11, 25, 11, 0, 0) });
    const call = harness.emulator.placeCall({ destination: '1000' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('selfServed');
    const spoken = (harness.commands.get(call.bLegUuid) ?? []).filter((command) => command.startsWith('execute speak'));
    expect(spoken).toEqual([
      'execute speak flite|kal|We are closed for the public holiday. Please call again on the next working day.',
      'execute speak flite|kal|Thank you for calling. Goodbye.',
    ]);
  });

  it('transfer busy → the busy outlet: three silences send the caller to the operator, who is busy, so voicemail', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]), startAt: MONDAY_MORNING });
    const call = harness.emulator.placeCall({ destination: '1000', script: { dtmf: [null, null, null], bridge: [{ result: 'USER_BUSY' }] } });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('voicemail');
    const commands = harness.commands.get(call.bLegUuid) ?? [];
    const bridge = commands.indexOf('execute bridge {originate_timeout=25}user/1000@${domain}');
    expect(bridge).toBeGreaterThan(0);
    expect(commands.slice(bridge - 3, bridge)).toEqual(['execute set continue_on_fail=true', 'execute set hangup_after_bridge=true', 'execute unset park_after_bridge']);
    expect(commands.slice(bridge + 1)).toEqual([
      'execute set playback_terminators=none',
      'execute speak flite|kal|Please leave a message after the tone and we will call you back.',
      'execute set skip_greeting=true',
      'execute voicemail default ${domain} general',
      'execute hangup NORMAL_CLEARING',
    ]);
    expect(harness.analytics.visits.filter((v) => v.callId === call.bLegUuid).map((v) => v.nodeId).slice(-2)).toEqual(['operator', 'voicemail']);
  });

  it('the caller hangs up mid-prompt: the flow ends as hung up and nothing but exit is written after the hangup', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Long', LONG_MESSAGE))]), tap: true });
    // A first call warms the process up, so the hang-up lands mid-prompt rather than during call set-up.
    const warmUp = harness.emulator.placeCall({ destination: '1000', script: { hangupAfterMs: 1 } });
    await warmUp.finished;
    const call = harness.emulator.placeCall({ destination: '1000', script: { hangupAfterMs: 60_000 } });
    const summary = await harness.summaryOf(call.bLegUuid);
    expect(summary.outcome).toBe('callerHungUp');
    const chunks = harness.tapped.find((tapped) => tapped.chunks.some((chunk) => chunk.data.includes(call.bLegUuid)))?.chunks ?? [];
    const hangupAt = chunks.findIndex((chunk) => chunk.from === 'switch' && chunk.data.toString().includes('Event-Name: CHANNEL_HANGUP\n'));
    expect(hangupAt).toBeGreaterThan(0);
    const afterwards = chunks.slice(hangupAt).filter((chunk) => chunk.from === 'runtime').map((chunk) => chunk.data.toString());
    expect(afterwards).toEqual(['exit\n\n']);
    expect(harness.commands.get(call.bLegUuid)?.at(-1)).toBe(`execute speak flite|kal|${LONG_MESSAGE}`);
  });

  it('no binding for the dialled number → the operator fallback; if the operator is busy, an apology and hangup', async () => {
    harness = await startHarness({ fallback: { extension: '1000', apology: 'Sorry, we cannot take your call.', timeoutSeconds: 20 } });
    const call = harness.emulator.placeCall({ destination: '5555', script: { bridge: [{ result: 'USER_BUSY' }] } });
    expect(await harness.summaryOf(call.bLegUuid)).toMatchObject({ outcome: 'fallback', fallback: 'noBinding', versionId: null });
    expect(harness.commands.get(call.bLegUuid)).toEqual([
      'execute answer',
      'execute set continue_on_fail=true',
      'execute set hangup_after_bridge=true',
      'execute unset park_after_bridge',
      'execute bridge {originate_timeout=20}user/1000@${domain}',
      'execute set playback_terminators=none',
      'execute speak flite|kal|Sorry, we cannot take your call.',
      'execute hangup NORMAL_TEMPORARY_FAILURE',
    ]);
    expect((await call.finished).hangupCause).toBe('NORMAL_TEMPORARY_FAILURE');
  });

  it('a binding picked by the dialplan (switchboard_address) wins over the dialled number', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('route:hello', greetingFlow('Hello', 'Hi.'))]) });
    // The emulator has no dialplan variables, so the address is bound to the dialled number here instead.
    harness.source.publish(liveVersion('1000', greetingFlow('Hello', 'Hi.')));
    harness.feed.notify({ address: '1000', environment: 'production', versionId: 'Hello-v1' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const call = harness.emulator.placeCall({ destination: '1000' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('selfServed');
  });

  it('malformed frames on one call close that session cleanly; the other calls are unaffected', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]), startAt: MONDAY_MORNING, tap: true });
    const calls = Array.from({ length: 5 }, () => harness!.emulator.placeCall({ destination: '1000', script: { dtmf: [{ digits: '0' }], bridge: [{ result: 'success', talkSeconds: 200 }] } }));
    const victim = calls[2]!;
    while (!harness.commands.get(victim.bLegUuid)?.some((command) => command.startsWith('execute bridge'))) await new Promise((resolve) => setTimeout(resolve, 1));
    const connection = harness.tapped.find((tapped) => tapped.chunks.some((chunk) => chunk.data.includes(victim.bLegUuid)));
    connection?.inject('Content-Length: 12abc\n\n');
    const summaries = await Promise.all(calls.map((call) => harness!.summaryOf(call.bLegUuid)));
    const outcomes = summaries.map((summary) => summary.outcome).sort();
    expect(outcomes.filter((outcome) => outcome === 'transferred')).toHaveLength(4);
    // The garbled connection is closed without a hangup from the switch: the runtime lost it, the caller did not hang up.
    expect(outcomes).toContain('switchLost');
    await Promise.all(calls.map((call) => call.finished));
  });

  it('queue: position announced over the hold music; the max-wait timer takes the caller out (its own exit key) before the overflow route speaks', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', exampleFlow('support-queue.json'))]), emulator: { queues: { 'support@default': {} } } });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000', callerIdNumber: '4005551234', script: { dtmf: [{ digits: '1' }] } });
    while (!h.queues.watchers.has(call.bLegUuid)) await new Promise((resolve) => setTimeout(resolve, 1));
    h.queues.watchers.get(call.bLegUuid)?.({ position: 3, estimatedWaitSeconds: 150 });
    expect((await h.summaryOf(call.bLegUuid)).outcome).toBe('callbackScheduled');
    const commands = h.commands.get(call.bLegUuid) ?? [];
    expect(commands).toContain(`api uuid_broadcast ${call.bLegUuid} 'loop_playback::+1 say:You are number 3 in the queue.' aleg`);
    const leave = commands.indexOf(`api uuid_break ${call.bLegUuid} all`);
    expect(leave).toBeGreaterThan(commands.indexOf('execute callcenter support@default'));
    expect(commands.slice(leave - 1, leave + 5)).toEqual([
      `api uuid_setvar ${call.bLegUuid} bridge_filter_dtmf true`,
      `api uuid_break ${call.bLegUuid} all`,
      `api uuid_getvar ${call.bLegUuid} cc_agent_found`,
      `api uuid_recv_dtmf ${call.bLegUuid} D`,
      `api uuid_setvar ${call.bLegUuid} bridge_filter_dtmf`,
      'execute speak flite|kal|Sorry to keep you waiting. All our agents are still busy.',
    ]);
    // uuid_break alone would not end the wait (mod_callcenter restarts the hold music); the key does. The callcenter
    // app had returned (EXIT_WITH_KEY D) before the next app started, so nothing ran nested inside it.
    const b = (await call.finished).log.flatMap((entry) => (entry.kind === 'event' && entry.leg === 'b' ? [entry.event] : []));
    const header = (event: (typeof b)[number], wanted: string) => event.headers.find(([name]) => name === wanted)?.[1];
    const queueDone = b.findIndex((event) => event.name === 'CHANNEL_EXECUTE_COMPLETE' && header(event, 'Application') === 'callcenter');
    const sorryStarts = b.findIndex((event, index) => index > 0 && event.name === 'CHANNEL_EXECUTE' && header(event, 'Application') === 'speak' && index > queueDone);
    expect(queueDone).toBeGreaterThan(0);
    expect([header(b[queueDone]!, 'variable_cc_cancel_reason'), header(b[queueDone]!, 'variable_cc_exit_key')]).toEqual(['EXIT_WITH_KEY', 'D']);
    expect(sorryStarts).toBeGreaterThan(queueDone);
    // The member no longer waits: an agent who frees up cannot be offered this caller.
    expect(h.emulator.queues.membersOf('support@default', Number.MAX_SAFE_INTEGER).filter((m) => m.state === 'Waiting')).toEqual([]);
    expect(h.callbacks.requests).toMatchObject([{ queue: 'support@default', number: '4005551234', keepPlace: true }]);
  });

  it('queue: the callback key pressed while waiting (EXIT_WITH_KEY with cc_exit_key) books a callback that keeps the wait', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', exampleFlow('support-queue.json'))]), emulator: { queues: { 'support@default': {} } } });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '4005551234', script: { queueDtmf: { digits: '1', afterMs: 30_000 }, dtmf: [{ digits: '1' }] } });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('callbackScheduled');
    expect(harness.commands.get(call.bLegUuid)).toContain('execute set cc_exit_keys=1D');
    expect(harness.commands.get(call.bLegUuid)?.filter((command) => command.startsWith('api uuid_break') || command.startsWith('api uuid_recv_dtmf'))).toEqual([]);
    const done = (await call.finished).log.find((entry) => entry.kind === 'event' && entry.event.name === 'CHANNEL_EXECUTE_COMPLETE' && entry.event.headers.some(([n, v]) => n === 'Application' && v === 'callcenter'));
    expect(done?.kind === 'event' && done.event.headers.find(([n]) => n === 'variable_cc_cancel_reason')?.[1]).toBe('EXIT_WITH_KEY');
    const [request] = harness.callbacks.requests;
    expect(request?.originalWaitSeconds).toBeGreaterThanOrEqual(25);
    expect(request?.originalWaitSeconds).toBeLessThan(60);
  });

  it('runs sub-flows linked into the pinned program, and keeps serving the cached version while the database is down', async () => {
    const identify = compiledFlow(
      'Identify',
      [
        { id: 'start', type: 'start' },
        { id: 'ask', type: 'announcement', data: { prompt: { text: { en: 'Let me find your account.' } } } },
        { id: 'done', type: 'return', data: { outcome: 'found' } },
      ],
      ['start:next->ask', 'ask:next->done'],
    );
    const main = compiledFlow(
      'Main',
      [
        { id: 'start', type: 'start' },
        { id: 'sub', type: 'subflow', data: { flow: 'Identify', outcomes: ['found'] } },
        { id: 'bye', type: 'hangup', data: { goodbye: { text: { en: 'Goodbye.' } } } },
      ],
      ['start:next->sub', 'sub:found->bye', 'sub:failed->bye'],
    );
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', main)], [identify]) });
    harness.source.down = true;
    harness.feed.notify({ address: '1000', environment: 'production', versionId: 'Main-v1' });
    const call = harness.emulator.placeCall({ destination: '1000' });
    expect(await harness.summaryOf(call.bLegUuid)).toMatchObject({ outcome: 'selfServed', versionId: 'Main-v1' });
    expect((harness.commands.get(call.bLegUuid) ?? []).filter((command) => command.startsWith('execute speak'))).toEqual([
      'execute speak flite|kal|Let me find your account.',
      'execute speak flite|kal|Goodbye.',
    ]);
    expect(harness.registry.health.databaseReachable).toBe(false);
  });

  it('a caller who hangs up in the queue is abandoned there; the call\'s timers are cleared, none fires later', async () => {
    const base = scaledClock(Date.now(), TIME_SCALE);
    const live = new Set<unknown>();
    const clock: RuntimeClock = {
      now: base.now,
      setTimeout: (run, ms) => {
        const handle: unknown = base.setTimeout(() => {
          live.delete(handle);
          run();
        }, ms);
        live.add(handle);
        return handle;
      },
      clearTimeout: (handle) => {
        live.delete(handle);
        base.clearTimeout(handle);
      },
    };
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', exampleFlow('support-queue.json'))]), emulator: { queues: { 'support@default': {} } }, clock });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000' });
    // The caller hangs up once they wait in the queue (not after a fixed time, which a busy machine may not reach).
    while (!h.commands.get(call.bLegUuid)?.includes('execute callcenter support@default')) await new Promise((resolve) => setTimeout(resolve, 1));
    call.hangup('NORMAL_CLEARING', 'a');
    expect((await h.summaryOf(call.bLegUuid)).outcome).toBe('abandonedInQueue');
    expect(live.size).toBe(0);
  });
});

/** Blocked numbers are rejected; everyone else hears a greeting. */
const screening = compiledFlow(
  'Screening',
  [
    { id: 'start', type: 'start' },
    { id: 'who', type: 'callerRouting', data: { lists: [{ key: 'blocked', label: 'Blocked', numbers: ['+15550666'] }] } },
    { id: 'reject', type: 'hangup', data: { cause: 'CALL_REJECTED' } },
    { id: 'hello', type: 'announcement', data: { prompt: { text: { en: 'Hello.' } } } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->who', 'who:blocked->reject', 'who:default->hello', 'hello:next->bye'],
);

/** Straight to a mailbox. */
const mailboxOnly = compiledFlow('Mailbox', [{ id: 'start', type: 'start' }, { id: 'vm', type: 'voicemail', data: { mailbox: 'general' } }], ['start:next->vm']);

describe('call records say what happened (through the emulator)', () => {
  it('a blocked caller is rejected without being answered, and recorded as rejected', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', screening)]) });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '+15550666' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('rejected');
    expect(harness.commands.get(call.bLegUuid)).toEqual(['execute hangup CALL_REJECTED']);
    expect((await call.finished).hangupCause).toBe('CALL_REJECTED');
    expect(harness.analytics.ended.find((end) => end.callId === call.bLegUuid)).toMatchObject({ outcome: 'rejected', nodeId: 'reject', reason: 'flow rejected the call (CALL_REJECTED)' });
  });

  it('a caller who is not blocked is answered just before the greeting', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', screening)]) });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '+15550100' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('selfServed');
    expect(harness.commands.get(call.bLegUuid)?.slice(0, 3)).toEqual(['execute answer', 'execute set playback_terminators=none', 'execute speak flite|kal|Hello.']);
  });

  it('voicemail on a switch without mod_voicemail: the switch hangs up (Invalid Application) and the record says error and why, not voicemail', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', mailboxOnly)]), emulator: { modules: DEFAULT_MODULES.filter((module) => module !== 'mod_voicemail') } });
    const call = harness.emulator.placeCall({ destination: '1000' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('error');
    expect((await call.finished).hangupCause).toBe('DESTINATION_OUT_OF_ORDER');
    const end = harness.analytics.ended.find((e) => e.callId === call.bLegUuid);
    expect(end).toMatchObject({ outcome: 'error', nodeId: 'vm' });
    expect(end?.reason).toBe('the switch could not run voicemail (FreeSWITCH: Invalid Application voicemail; hung up with DESTINATION_OUT_OF_ORDER)');
  });

  it('voicemail on a switch that has it is still recorded as voicemail', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', mailboxOnly)]) });
    const call = harness.emulator.placeCall({ destination: '1000' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('voicemail');
  });

  it('every visit the call left says by which outlet and why', async () => {
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]),
      startAt: MONDAY_MORNING,
      emulator: { queues: { 'support@default': { agents: [{ name: 'alice', answerAfterSeconds: 20, talkSeconds: 60 }] } } },
    });
    const call = harness.emulator.placeCall({ destination: '1000', script: { dtmf: [{ digits: '2' }] } });
    await harness.summaryOf(call.bLegUuid);
    const visits = harness.analytics.visits.filter((v) => v.callId === call.bLegUuid);
    expect(visits.map((v) => [v.nodeId, v.arrivedFrom?.nodeId, v.arrivedFrom?.outlet])).toEqual([
      ['start', undefined, undefined],
      ['hours', 'start', 'next'],
      ['welcome', 'hours', 'open'],
      ['menu', 'welcome', 'next'],
      ['support', 'menu', '2'],
      ['bye', 'support', 'answered'],
    ]);
    expect(visits[2]?.arrivedFrom?.reason).toMatch(/^open: /);
    expect(visits[4]?.arrivedFrom?.reason).toBe('pressed 2');
    expect(visits[5]?.arrivedFrom?.reason).toMatch(/^queue exit: answered/);
  });

  it('a call still running when the runtime shuts down is recorded as shutdownDrained, not as the caller hanging up', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Long', LONG_MESSAGE))]) });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000' });
    while (!h.commands.get(call.bLegUuid)?.some((command) => command.startsWith('execute speak'))) await new Promise((resolve) => setTimeout(resolve, 1));
    await h.server.close(20);
    const summary = await h.summaryOf(call.bLegUuid);
    expect(summary.outcome).toBe('shutdownDrained');
    const ends = h.analytics.ended.filter((end) => end.callId === call.bLegUuid);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ outcome: 'shutdownDrained', nodeId: 'hello', reason: expect.stringMatching(/runtime shut down; the call was still running after the 0 s grace period/) });
  });

  it('a call that finishes within the shutdown grace period keeps its own outcome', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Hello', 'Thank you for calling.'))]) });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000' });
    while (!h.commands.get(call.bLegUuid)?.some((command) => command.startsWith('execute speak'))) await new Promise((resolve) => setTimeout(resolve, 1));
    await h.server.close(10_000);
    expect((await h.summaryOf(call.bLegUuid)).outcome).toBe('selfServed');
    expect(h.analytics.ended.filter((end) => end.callId === call.bLegUuid).map((end) => end.outcome)).toEqual(['selfServed']);
  });

  it('the connection to the switch dropping mid-call (no hangup) is recorded as switchLost', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Long', LONG_MESSAGE))]), tap: true });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000' });
    while (!h.commands.get(call.bLegUuid)?.some((command) => command.startsWith('execute speak'))) await new Promise((resolve) => setTimeout(resolve, 1));
    h.tapped.find((tapped) => tapped.chunks.some((chunk) => chunk.data.includes(call.bLegUuid)))?.drop();
    expect((await h.summaryOf(call.bLegUuid)).outcome).toBe('switchLost');
    expect(h.analytics.ended.find((end) => end.callId === call.bLegUuid)).toMatchObject({ outcome: 'switchLost', reason: expect.stringMatching(/^the connection to FreeSWITCH closed mid-call without a hangup/) });
  });

  it('a caller who hangs up is still recorded as callerHungUp (the switch said so before closing)', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Long', LONG_MESSAGE))]) });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000' });
    while (!h.commands.get(call.bLegUuid)?.some((command) => command.startsWith('execute speak'))) await new Promise((resolve) => setTimeout(resolve, 1));
    call.hangup('NORMAL_CLEARING', 'a');
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('callerHungUp');
    expect(harness.analytics.ended.find((end) => end.callId === call.bLegUuid)).toMatchObject({ outcome: 'callerHungUp', nodeId: 'hello', reason: 'caller hung up' });
  });

  it('a number with no flow gets the fallback and a call record saying so', async () => {
    harness = await startHarness({ fallback: { extension: null, apology: 'Sorry.', timeoutSeconds: 20 } });
    const call = harness.emulator.placeCall({ destination: '5555' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('fallback');
    expect(harness.analytics.started.find((s) => s.callId === call.bLegUuid)).toMatchObject({ flowName: null, versionId: null, address: '5555' });
    expect(harness.analytics.ended.find((e) => e.callId === call.bLegUuid)).toMatchObject({ outcome: 'fallback', reason: 'no live flow for 5555 in production' });
  });
});
