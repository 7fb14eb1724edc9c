import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
import { startEmulator } from '@switchboard/esl-emulator';
import { DateTime } from 'luxon';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EslConnectionClosedError } from '../../esl/errors.js';
import { InboundClient } from '../../esl/inbound-client.js';
import type { CallbackRequest } from '../contracts.js';
import { CallcenterReader } from '../queues/callcenter-reader.js';
import { waitingInServiceOrder } from '../queues/queue-service.js';
import { startCallbackDialer, type CallbackDialerOptions } from './callback-dialer.js';
import type { QueueView } from './callback-turn.js';
import { createCallbackService, type CallbackServiceOptions, type ManagedCallbackService } from './callback-service.js';
import { startCallbackGroupsMonitor } from './switch-groups.js';

/** A switch stand-in that answers each originate from a script and remembers what it was asked. */
function scriptedSwitch(replies: (command: string) => string | Promise<string> = () => `+OK ${crypto.randomUUID()}\n`) {
  const originated: string[] = [];
  return {
    originated,
    bgapi: async (command: string) => {
      originated.push(command);
      return replies(command);
    },
  };
}

/** A callback service whose callers hang up as soon as their callback is booked (no guard), for tests about placing. */
function bookAndHangUp(db: TestDatabase, options: CallbackServiceOptions = {}): ManagedCallbackService {
  const service = createCallbackService(db, { guardMs: 0, ...options });
  return {
    ...service,
    async schedule(request) {
      const booking = await service.schedule(request);
      await service.callEnded(request.callId, request.requestedAt);
      return booking;
    },
  };
}

const numberIn = (command: string) => /\}loopback\/(\+?\d+)\//.exec(command)?.[1];

describe.each(testDatabaseKinds())('keep-your-place callbacks on %s', (kind) => {
  let db: TestDatabase;
  let clock: number;
  const now = () => clock;
  // Opening PGlite compiles WebAssembly and migrates: slow on a busy machine.
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.reset();
    clock = Date.parse('2026-12-23T10:00:00Z');
  });

  const request = (overrides: Partial<CallbackRequest> = {}): CallbackRequest => ({
    callId: crypto.randomUUID(),
    queue: 'support@default',
    number: '+4930123456',
    keepPlace: true,
    originalWaitSeconds: 95,
    priority: 0,
    window: null,
    requestedAt: clock,
    ...overrides,
  });
  const dialer = (esl: { bgapi(command: string): Promise<string> }, options: CallbackDialerOptions = {}) =>
    startCallbackDialer(db, esl, { autoStart: false, now, retryBaseMs: 60_000, ...options });

  it('refuses a second open callback for the same number and queue, and allows one again once it was placed', async () => {
    const registry = new Registry();
    const callbacks = bookAndHangUp(db, { registry });
    const first = await callbacks.schedule(request());
    expect(first).toMatchObject({ ok: true });
    expect(await callbacks.schedule(request({ callId: 'another-call' }))).toMatchObject({ ok: false, reason: 'alreadyScheduled' });
    expect(await callbacks.schedule(request({ queue: 'sales@default' }))).toMatchObject({ ok: true });
    await dialer(scriptedSwitch()).runOnce();
    expect(await callbacks.schedule(request())).toMatchObject({ ok: true });
    expect(await registry.getSingleMetricAsString('switchboard_callbacks_scheduled_total')).toContain('result="alreadyScheduled"} 1');
  });

  it('refuses numbers the switch cannot dial and windows that never open, as errors the flow can announce', async () => {
    const callbacks = bookAndHangUp(db);
    expect(await callbacks.schedule(request({ number: '555-HELP' }))).toMatchObject({ ok: false, reason: 'error' });
    expect(await callbacks.schedule(request({ window: { timezone: 'Europe/Berlin', startMinute: 540, endMinute: 1020, days: [] } }))).toMatchObject({ ok: false, reason: 'error' });
    expect(await db.prisma.callback.count()).toBe(0);
  });

  it('re-enters the queue with the original wait as base score, so callbacks are served in the order callers waited', async () => {
    const emulator = await startEmulator({ timeScale: 1000, queues: { 'support@default': {} } });
    const inbound = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon' });
    try {
      await inbound.start();
      const callbacks = bookAndHangUp(db);
      for (const [number, wait] of [['4001', 30], ['4002', 300], ['4003', 120]] as const) {
        expect(await callbacks.schedule(request({ number, originalWaitSeconds: wait }))).toMatchObject({ ok: true });
      }
      expect(await dialer(inbound).runOnce()).toBe(3);
      expect(emulator.originations.map((o) => o.variables.get('cc_base_score')).sort()).toEqual(['120', '30', '300']);
      const members = await new CallcenterReader(inbound).members('support@default');
      expect(waitingInServiceOrder(members).map((m) => m.cidNumber)).toEqual(['4002', '4003', '4001']);
      const rows = await db.prisma.callback.findMany({ orderBy: { number: 'asc' } });
      expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
      expect(rows.every((r) => r.placedCallUuid && emulator.calls.some((c) => c.aLegUuid === r.placedCallUuid))).toBe(true);
    } finally {
      await inbound.stop();
      await emulator.close();
    }
  });

  it('waits for the window: asked on Friday evening, called on Monday morning in the callback time zone', async () => {
    clock = DateTime.fromISO('2026-12-25T18:30', { zone: 'Europe/Berlin' }).toMillis();
    const callbacks = bookAndHangUp(db);
    await callbacks.schedule(request({ window: { timezone: 'Europe/Berlin', startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] } }));
    const esl = scriptedSwitch();
    const placer = dialer(esl);
    expect(await placer.runOnce()).toBe(0);
    clock = DateTime.fromISO('2026-12-28T08:59', { zone: 'Europe/Berlin' }).toMillis();
    expect(await placer.runOnce()).toBe(0);
    clock = DateTime.fromISO('2026-12-28T09:00', { zone: 'Europe/Berlin' }).toMillis();
    expect(await placer.runOnce()).toBe(1);
    expect(esl.originated).toHaveLength(1);
  });

  it('moves a callback whose window passed while no dialer ran to the next opening', async () => {
    const callbacks = bookAndHangUp(db);
    clock = DateTime.fromISO('2026-12-23T16:00', { zone: 'Europe/Berlin' }).toMillis();
    await callbacks.schedule(request({ window: { timezone: 'Europe/Berlin', startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] } }));
    clock = DateTime.fromISO('2026-12-23T20:00', { zone: 'Europe/Berlin' }).toMillis();
    const esl = scriptedSwitch();
    expect(await dialer(esl).runOnce()).toBe(0);
    const row = await db.prisma.callback.findFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(DateTime.fromJSDate(row.nextAttemptAt, { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm')).toBe('Thu 09:00');
  });

  it('moves a retry that would fall after the window closes to the next opening', async () => {
    clock = DateTime.fromISO('2026-12-23T16:59', { zone: 'Europe/Berlin' }).toMillis();
    await bookAndHangUp(db).schedule(request({ window: { timezone: 'Europe/Berlin', startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] } }));
    expect(await dialer(scriptedSwitch(() => '-ERR NO_ANSWER\n')).runOnce()).toBe(1);
    const row = await db.prisma.callback.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'attempt 1: NO_ANSWER' });
    expect(DateTime.fromJSDate(row.nextAttemptAt, { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm')).toBe('Thu 09:00');
    expect(DateTime.fromJSDate(row.windowEnd!, { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm')).toBe('Thu 17:00');
  });

  it('retries a busy or unanswered callee with growing pauses, then fails with the last cause', async () => {
    await bookAndHangUp(db).schedule(request());
    const esl = scriptedSwitch(() => '-ERR USER_BUSY\n');
    const registry = new Registry();
    const placer = dialer(esl, { maxAttempts: 3, registry });
    const start = clock;
    expect(await placer.runOnce()).toBe(1);
    let row = await db.prisma.callback.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'attempt 1: USER_BUSY' });
    expect(row.nextAttemptAt.getTime() - start).toBe(60_000);
    clock = start + 59_000;
    expect(await placer.runOnce()).toBe(0);
    clock = start + 60_000;
    expect(await placer.runOnce()).toBe(1);
    row = await db.prisma.callback.findFirstOrThrow();
    expect(row.nextAttemptAt.getTime() - clock).toBe(120_000);
    clock += 120_000;
    expect(await placer.runOnce()).toBe(1);
    row = await db.prisma.callback.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'attempt 3: USER_BUSY' });
    clock += 3_600_000;
    expect(await placer.runOnce()).toBe(0);
    expect(esl.originated).toHaveLength(3);
    const metric = await registry.getSingleMetricAsString('switchboard_callback_attempts_total');
    expect(metric).toContain('outcome="retry"} 2');
    expect(metric).toContain('outcome="failed"} 1');
  });

  it('does not use up attempts while the switch is unreachable', async () => {
    await bookAndHangUp(db).schedule(request());
    const health = { state: 'backing-off' };
    let calls = 0;
    const esl = {
      health,
      bgapi: async () => {
        calls++;
        throw new EslConnectionClosedError('connection lost');
      },
    };
    const placer = dialer(esl, { maxAttempts: 1 });
    expect(await placer.runOnce()).toBe(0);
    expect(calls).toBe(0);
    health.state = 'ready';
    expect(await placer.runOnce()).toBe(1);
    const row = await db.prisma.callback.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 0, lastError: 'switch not reached: connection lost' });
    expect(row.nextAttemptAt.getTime() - clock).toBe(30_000);
  });

  it('succeeds on a later attempt and records the placed call', async () => {
    await bookAndHangUp(db).schedule(request());
    let answers = 0;
    const esl = scriptedSwitch(() => (answers++ === 0 ? '-ERR NO_ANSWER\n' : '+OK 0b7c7f50-3d7e-4c53-b3e6-7f0f8a3c8f11\n'));
    const placer = dialer(esl);
    await placer.runOnce();
    clock += 60_000;
    await placer.runOnce();
    expect(await db.prisma.callback.findFirstOrThrow()).toMatchObject({ status: 'completed', attempts: 2, placedCallUuid: '0b7c7f50-3d7e-4c53-b3e6-7f0f8a3c8f11', lastError: null });
  });

  it('loses nothing when a runtime stops mid-call: a new dialer takes the callback back after the lease and places it', async () => {
    await bookAndHangUp(db).schedule(request());
    let releaseStuck: (reply: string) => void = () => undefined;
    const stuck = scriptedSwitch(() => new Promise<string>((resolve) => (releaseStuck = resolve)));
    const crashed = dialer(stuck, { workerId: 'runtime-a', leaseMs: 300_000 });
    const crashedRound = crashed.runOnce();
    await expect.poll(() => stuck.originated.length).toBe(1);
    expect(await db.prisma.callback.findFirstOrThrow()).toMatchObject({ status: 'in_progress', claimedBy: 'runtime-a' });

    const healthy = scriptedSwitch(() => '+OK 11111111-2222-4333-8444-555555555555\n');
    const restarted = dialer(healthy, { workerId: 'runtime-b', leaseMs: 300_000 });
    clock += 299_000;
    expect(await restarted.runOnce()).toBe(0);
    clock += 2_000;
    expect(await restarted.runOnce()).toBe(1);
    expect(healthy.originated).toHaveLength(1);
    // The first runtime's late answer does not overwrite what the second recorded.
    releaseStuck('+OK 99999999-2222-4333-8444-555555555555\n');
    await crashedRound;
    expect(await db.prisma.callback.findFirstOrThrow()).toMatchObject({ status: 'completed', attempts: 2, placedCallUuid: '11111111-2222-4333-8444-555555555555' });
  });

  it('lets two dialers work the same table without ever placing one callback twice', async () => {
    const callbacks = bookAndHangUp(db);
    for (let i = 0; i < 40; i++) await callbacks.schedule(request({ number: `+49301000${String(i).padStart(2, '0')}`, originalWaitSeconds: i }));
    const slowAnswer = () => new Promise<string>((resolve) => setTimeout(() => resolve(`+OK ${crypto.randomUUID()}\n`), 2));
    const a = scriptedSwitch(slowAnswer);
    const b = scriptedSwitch(slowAnswer);
    const dialerA = dialer(a, { workerId: 'a', batchSize: 4 });
    const dialerB = dialer(b, { workerId: 'b', batchSize: 4 });
    const drain = async (d: typeof dialerA) => {
      while ((await d.runOnce()) > 0);
    };
    await Promise.all([drain(dialerA), drain(dialerB)]);
    const placed = [...a.originated, ...b.originated].map(numberIn);
    expect(placed).toHaveLength(40);
    expect(new Set(placed).size).toBe(40);
    if (kind === 'postgres') expect(a.originated.length > 0 && b.originated.length > 0).toBe(true);
    expect(await db.prisma.callback.count({ where: { status: 'completed' } })).toBe(40);
  });
  describe('keep your place: called when the turn comes, never while still on the call', () => {
    const staffedQueue = (members: Array<{ uuid: string; score: number }>, agentState = 'In a queue call'): QueueView => ({
      members: members.map((m) => ({
        queue: 'support@default', uuid: m.uuid, sessionUuid: `s-${m.uuid}`, cidNumber: '', cidName: '', systemEpoch: 0, joinedEpoch: 0, bridgeEpoch: 0,
        abandonedEpoch: 0, baseScore: 0, skillScore: 0, servingAgent: '', state: 'Waiting' as const, score: m.score,
      })),
      agents: [{ name: 'ada', status: 'Available' as const, state: agentState, callsAnswered: 10, talkTime: 1200 }],
    });

    it('waits for the call that asked to end, plus the guard; a call never seen to end counts as over after 15 minutes', async () => {
      const callbacks = createCallbackService(db, { guardMs: 15_000 });
      const asked = request({ number: '+4930000001' });
      await callbacks.schedule(asked);
      const orphan = request({ number: '+4930000002', callId: 'runtime-died-mid-call' });
      await callbacks.schedule(orphan);
      const esl = scriptedSwitch();
      const placer = dialer(esl);
      expect(await placer.runOnce()).toBe(0);
      clock += 60_000; // the caller listens to the goodbye, still on the line
      expect(await placer.runOnce()).toBe(0);
      await callbacks.callEnded(asked.callId, clock);
      expect(await placer.runOnce()).toBe(0);
      clock += 14_999;
      expect(await placer.runOnce()).toBe(0);
      clock += 1;
      expect(await placer.runOnce()).toBe(1);
      expect(esl.originated.map(numberIn)).toEqual(['+4930000001']);
      expect((await db.prisma.callback.findFirstOrThrow({ where: { number: '+4930000001' } })).callerLeftAt?.getTime()).toBe(clock - 15_000);
      clock = orphan.requestedAt + 15 * 60_000;
      expect(await placer.runOnce()).toBe(1);
      expect(esl.originated.map(numberIn)).toEqual(['+4930000001', '+4930000002']);
    });

    it('places the callback when the caller would have reached the front of the queue, with that wait as base score', async () => {
      await bookAndHangUp(db).schedule(request({ originalWaitSeconds: 200 }));
      // Two callers waited longer than 200 s, one less; the only agent is talking.
      let queue = staffedQueue([{ uuid: 'a', score: 500 }, { uuid: 'b', score: 400 }, { uuid: 'c', score: 100 }]);
      const esl = scriptedSwitch();
      const asked: string[] = [];
      const placer = dialer(esl, { queueView: async (name) => (asked.push(name), queue) });
      expect(await placer.runOnce()).toBe(0);
      clock += 60_000;
      queue = staffedQueue([{ uuid: 'b', score: 460 }, { uuid: 'c', score: 160 }]);
      expect(await placer.runOnce()).toBe(0);
      clock += 60_000;
      queue = staffedQueue([{ uuid: 'c', score: 220 }]);
      expect(await placer.runOnce()).toBe(1);
      expect(asked).toEqual(['support@default', 'support@default', 'support@default']);
      expect(esl.originated[0]).toContain('cc_base_score=320,');
    });

    it('retries an unanswered callee after the back-off, and again only when their turn has come', async () => {
      await bookAndHangUp(db).schedule(request({ originalWaitSeconds: 200 }));
      let queue = staffedQueue([]);
      const esl = scriptedSwitch(() => (esl.originated.length === 1 ? '-ERR NO_ANSWER\n' : `+OK ${crypto.randomUUID()}\n`));
      const placer = dialer(esl, { queueView: async () => queue });
      expect(await placer.runOnce()).toBe(1);
      expect(await db.prisma.callback.findFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'attempt 1: NO_ANSWER' });
      clock += 60_000;
      // Meanwhile callers who waited longer than the callback's 260 s joined.
      queue = staffedQueue([{ uuid: 'a', score: 900 }]);
      expect(await placer.runOnce()).toBe(0);
      queue = staffedQueue([]);
      expect(await placer.runOnce()).toBe(1);
      expect(await db.prisma.callback.findFirstOrThrow()).toMatchObject({ status: 'completed', attempts: 2 });
      expect(esl.originated[1]).toContain('cc_base_score=260,');
    });

    it('waits while nobody staffs the queue, and places it anyway when the queue cannot be read', async () => {
      await bookAndHangUp(db).schedule(request());
      const esl = scriptedSwitch();
      const unstaffed = dialer(esl, { queueView: async () => ({ members: [], agents: [] }) });
      expect(await unstaffed.runOnce()).toBe(0);
      const unreadable = dialer(esl, { queueView: async () => Promise.reject(new Error('-ERR queue not found')) });
      expect(await unreadable.runOnce()).toBe(1);
    });

    it('collapses repeated requests into one callback that keeps the first place and waits for the latest call too', async () => {
      const callbacks = createCallbackService(db, { guardMs: 0 });
      const first = request({ originalWaitSeconds: 300 });
      const booked = await callbacks.schedule(first);
      expect(booked).toMatchObject({ ok: true });
      // The same call asking again (a retried effect) gets the same callback.
      expect(await callbacks.schedule(first)).toEqual(booked);
      await callbacks.callEnded(first.callId, clock);
      clock += 120_000;
      // The caller rings again and asks again: one callback, the earlier place, not dialled while on this call.
      const again = request({ originalWaitSeconds: 10 });
      expect(await callbacks.schedule(again)).toMatchObject({ ok: false, reason: 'alreadyScheduled' });
      expect(await db.prisma.callback.count()).toBe(1);
      const esl = scriptedSwitch();
      expect(await dialer(esl).runOnce()).toBe(0);
      await callbacks.callEnded(again.callId, clock);
      expect(await dialer(esl).runOnce()).toBe(1);
      expect(esl.originated[0]).toContain('cc_base_score=420,');
    });

    it('tells the callee who is calling and why, with the configured dial string and caller id, per queue where set', async () => {
      const callbacks = bookAndHangUp(db);
      const first = request({ number: '+4930000001', originalWaitSeconds: 60 });
      await callbacks.schedule(first);
      await callbacks.schedule(request({ number: '+4930000002', queue: 'sales@default', originalWaitSeconds: 30 }));
      const emulator = await startEmulator({ timeScale: 1000, queues: { 'support@default': {}, 'sales@default': {} }, extensions: { '+4930000001': 'tone', '+4930000002': 'tone' } });
      const inbound = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon' });
      try {
        await inbound.start();
        const placer = dialer(inbound, {
          placement: {
            dialString: 'loopback/{destination}/default',
            callerIdNumber: '+15550199',
            callerIdName: 'Acme Support',
            announcement: { kind: 'speech', engine: 'flite', voice: 'kal', text: 'Hello, this is Acme Support, calling you back as you asked. Please hold.' },
          },
          placementByQueue: { 'sales@default': { callerIdNumber: '+15550288', callerIdName: 'Acme Sales', announcement: null } },
        });
        expect(await placer.runOnce()).toBe(2);
        const commands = Object.fromEntries(emulator.originations.map((o) => [o.variables.get('sb_callback_queue'), o.command]));
        const id = (await db.prisma.callback.findFirstOrThrow({ where: { number: '+4930000001' } })).id;
        expect(commands['support@default']).toBe(
          `{origination_caller_id_number=+15550199,origination_caller_id_name='Acme Support',cc_base_score=60,originate_timeout=45,ignore_early_media=true,` +
            `sb_callback_id=${id},sb_callback_queue=support@default}loopback/+4930000001/default ` +
            `'m:^:set_profile_var:caller_id_name=Callback^set_profile_var:caller_id_number=+4930000001^speak:flite|kal|Hello, this is Acme Support, calling you back as you asked. Please hold.^callcenter:support@default' inline`,
        );
        expect(commands['sales@default']).toMatch(/^\{origination_caller_id_number=\+15550288,origination_caller_id_name='Acme Sales',cc_base_score=30,.*\}loopback\/\+4930000002\/default 'm:\^:set_profile_var:caller_id_name=Callback\^set_profile_var:caller_id_number=\+4930000002\^callcenter:sales@default' inline$/);
        const support = emulator.originations.find((o) => o.variables.get('sb_callback_queue') === 'support@default')!;
        expect(support.variables.get('origination_caller_id_name')).toBe('Acme Support');
        expect(support.applications.map((a) => a.app)).toEqual(['set_profile_var', 'set_profile_var', 'speak', 'callcenter']);
        expect(emulator.queues.membersOf('support@default', 0).map((m) => [m.cidNumber, m.cidName, m.state])).toEqual([['+4930000001', 'Callback', 'Waiting']]);
      } finally {
        await inbound.stop();
        await emulator.close();
      }
    });
  });

  describe('switch groups', () => {
    it('does not report its own group as undialled in the moment before its dialer\'s first round', async () => {
      await bookAndHangUp(db, { switchGroup: 'london' }).schedule(request());
      let dialing = false;
      const monitor = startCallbackGroupsMonitor(db, { switchGroup: 'london', dialing: () => dialing, now, autoStart: false });
      expect((await monitor.refresh()).groups).toEqual([{ switchGroup: 'london', pending: 1, due: 1, inProgress: 0, liveDialers: 0, dialedHere: false, problem: 'no live dialer for switch group "london"; 1 callback waiting' }]);
      dialing = true;
      expect((await monitor.refresh()).groups).toEqual([{ switchGroup: 'london', pending: 1, due: 1, inProgress: 0, liveDialers: 0, dialedHere: true }]);
    });

    it('books each callback in the runtime\'s switch group; a dialer of group B never claims group A\'s', async () => {
      await bookAndHangUp(db, { switchGroup: 'berlin' }).schedule(request({ number: '+4930111111' }));
      await bookAndHangUp(db, { switchGroup: 'london' }).schedule(request({ number: '+4420222222' }));
      const london = scriptedSwitch();
      expect(await dialer(london, { switchGroup: 'london' }).runOnce()).toBe(1);
      expect(await dialer(london, { switchGroup: 'london' }).runOnce()).toBe(0);
      expect(london.originated.map(numberIn)).toEqual(['+4420222222']);
      // A lease held by a London dialer that died is never released (or failed) by Berlin's dialer either.
      const berlin = scriptedSwitch();
      expect(await dialer(berlin, { switchGroup: 'berlin' }).runOnce()).toBe(1);
      expect(berlin.originated.map(numberIn)).toEqual(['+4930111111']);
      const rows = await db.prisma.callback.findMany({ orderBy: { number: 'asc' } });
      expect(rows.map((r) => [r.number, r.switchGroup, r.status])).toEqual([
        ['+4420222222', 'london', 'completed'],
        ['+4930111111', 'berlin', 'completed'],
      ]);
    });

    it('an emulated switch\'s dialer cannot place or complete a real group\'s callback, however long it is due', async () => {
      await bookAndHangUp(db).schedule(request({ number: '+4930123456' }));
      await bookAndHangUp(db, { switchGroup: 'emulator:laptop' }).schedule(request({ number: '+4930999999' }));
      clock += 3_600_000;
      const emulator = await startEmulator({ timeScale: 1000, queues: { 'support@default': {} } });
      const inbound = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon' });
      try {
        await inbound.start();
        const emulated = dialer(inbound, { switchGroup: 'emulator:laptop', batchSize: 50 });
        expect(await emulated.runOnce()).toBe(1);
        expect(await emulated.runOnce()).toBe(0);
        expect(emulator.originations.map((o) => o.dialString)).toEqual([expect.stringMatching(/loopback\/\+4930999999\//)]);
        const real = await db.prisma.callback.findFirstOrThrow({ where: { number: '+4930123456' } });
        expect(real).toMatchObject({ switchGroup: 'default', status: 'pending', attempts: 0, claimedBy: null, placedCallUuid: null });
      } finally {
        await inbound.stop();
        await emulator.close();
      }
    });

    it('reports per group what waits and whether a live dialer places it, on /healthz and /metrics', async () => {
      const callbacks = bookAndHangUp(db);
      await callbacks.schedule(request({ number: '+4930000001' }));
      await callbacks.schedule(request({ number: '+4930000002', window: { timezone: 'UTC', startMinute: 0, endMinute: 60, days: [1, 2, 3, 4, 5, 6, 7] } }));
      const registry = new Registry();
      const emulatedDialer = dialer(scriptedSwitch(), { switchGroup: 'emulator:laptop', workerId: 'laptop' });
      const monitor = startCallbackGroupsMonitor(db, { switchGroup: 'emulator:laptop', dialing: () => emulatedDialer.dialing, now, autoStart: false, registry });
      await emulatedDialer.runOnce();
      let health = await monitor.refresh();
      expect(health).toMatchObject({ switchGroup: 'emulator:laptop', dialing: true });
      expect(health.groups).toEqual([
        { switchGroup: 'default', pending: 2, due: 1, inProgress: 0, liveDialers: 0, dialedHere: false, problem: 'no live dialer for switch group "default"; 2 callbacks waiting' },
        { switchGroup: 'emulator:laptop', pending: 0, due: 0, inProgress: 0, liveDialers: 1, dialedHere: true },
      ]);
      const metrics = await registry.metrics();
      expect(metrics).toContain('switchboard_callbacks_pending{switch_group="default"} 2');
      expect(metrics).toContain('switchboard_callback_dialers_live{switch_group="default"} 0');
      expect(metrics).toContain('switchboard_callback_group_dialed_here{switch_group="emulator:laptop"} 1');
      expect(metrics).toContain('switchboard_callback_group_dialed_here{switch_group="default"} 0');

      // A real dialer comes up: the problem is gone. One that stops no longer counts; nor does one not seen for a minute.
      const realDialer = dialer(scriptedSwitch(() => '-ERR NO_ANSWER\n'), { switchGroup: 'default', workerId: 'fs-1' });
      await realDialer.runOnce();
      health = await monitor.refresh();
      expect(health.groups.find((g) => g.switchGroup === 'default')).toEqual({ switchGroup: 'default', pending: 2, due: 0, inProgress: 0, liveDialers: 1, dialedHere: false });
      clock += 61_000;
      health = await monitor.refresh();
      expect(health.groups.find((g) => g.switchGroup === 'default')).toMatchObject({ liveDialers: 0, problem: expect.stringContaining('2 callbacks waiting') });
      await realDialer.runOnce();
      expect((await monitor.refresh()).groups.find((g) => g.switchGroup === 'default')).toMatchObject({ liveDialers: 1 });
      await realDialer.stop();
      expect((await monitor.refresh()).groups.find((g) => g.switchGroup === 'default')).toMatchObject({ liveDialers: 0 });
      await emulatedDialer.stop();
      expect((await monitor.refresh()).dialing).toBe(false);
    });
  });

  // Database round trips are slow on a loaded machine; each test still bounds itself.
}, 30_000);
