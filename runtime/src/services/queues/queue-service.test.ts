import { startEmulator, type Emulator, type QueueConfig, type QueueMember } from '@switchboard/esl-emulator';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { InboundClient } from '../../esl/inbound-client.js';
import { OutboundSession } from '../../esl/outbound-session.js';
import { acceptingServer } from '../../esl/test-support.js';
import type { QueuePosition } from '../contracts.js';
import { createQueueService, type ManagedQueueService } from './queue-service.js';

let emulator: Emulator | undefined;
let client: InboundClient | undefined;
let service: ManagedQueueService | undefined;
afterEach(async () => {
  service?.close();
  await client?.stop();
  await emulator?.close();
});

const QUEUE = 'support@default';

async function setUp(queues: Record<string, QueueConfig>) {
  emulator = await startEmulator({ timeScale: 1000, queues });
  client = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon' });
  await client.start();
  const commands: string[] = [];
  const esl = { api: (command: string) => (commands.push(command), client!.api(command)) };
  return { emulator, esl, commands, nowEpoch: () => Math.floor(emulator!.core.clock.now() / 1000) };
}

function member(queue: string, sessionUuid: string, joinedEpoch: number, extra: Partial<QueueMember> = {}): QueueMember {
  return { queue, uuid: `member-${sessionUuid}`, sessionUuid, cidNumber: '4005551234', cidName: 'Caller | One', joinedEpoch, state: 'Waiting', servingAgent: '', abandonedEpoch: 0, baseScore: 0, bridgeEpoch: 0, ...extra };
}

const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('QueueService against the emulated mod_callcenter', () => {
  it('counts waiting callers (not abandoned rows), logged-in agents (on break too) and free agents', async () => {
    const { emulator, esl, nowEpoch } = await setUp({
      [QUEUE]: {
        discardAbandonedAfterSeconds: 3600,
        agents: [
          { name: 'ada', answerAfterSeconds: 9999 },
          { name: 'bob', answerAfterSeconds: 9999, status: 'On Break' },
          { name: 'cy', answerAfterSeconds: 9999, status: 'Logged Out' },
        ],
      },
    });
    const now = nowEpoch();
    emulator.queues.add(member(QUEUE, 's1', now - 30));
    emulator.queues.add(member(QUEUE, 's2', now - 10));
    emulator.queues.add(member(QUEUE, '', now - 40, { state: 'Abandoned', abandonedEpoch: now - 5 }));
    service = createQueueService(esl, { now: () => emulator.core.clock.now() });
    expect(await service.snapshot(QUEUE)).toEqual({ callersWaiting: 2, agentsLoggedIn: 2, agentsAvailable: 1, estimatedWaitSeconds: 0 });
  });

  it('rejects when the queue does not exist, so the caller can overflow instead of waiting forever', async () => {
    const { esl } = await setUp({});
    service = createQueueService(esl);
    await expect(service.snapshot('nosuch@default')).rejects.toThrow();
  });

  it("reports a caller's place in the order the switch serves: base score (a callback's earlier wait) + time waited", async () => {
    const { emulator, esl, nowEpoch } = await setUp({ [QUEUE]: { agents: [] } });
    const now = nowEpoch();
    emulator.queues.add(member(QUEUE, 'early', now - 100));
    emulator.queues.add(member(QUEUE, 'late', now - 50));
    const callback = member(QUEUE, 'callback', now - 10, { baseScore: 300 });
    emulator.queues.add(callback);
    service = createQueueService(esl, { now: () => emulator.core.clock.now(), tickMs: 5, cacheMs: 0 });
    const updates: QueuePosition[] = [];
    const stop = service.watchPosition(QUEUE, 'late', 1, (update) => updates.push(update));
    await until(() => updates.length >= 1);
    expect(updates[0]?.position).toBe(3);
    emulator.queues.remove(callback);
    await until(() => updates.at(-1)?.position === 2);
    stop();
    const count = updates.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(updates.length).toBe(count);
  });

  it('answers position 0 once the switch no longer lists the caller as waiting', async () => {
    const { emulator, esl, nowEpoch } = await setUp({ [QUEUE]: {} });
    emulator.queues.add(member(QUEUE, 'gone', nowEpoch() - 5, { state: 'Answered', servingAgent: 'ada' }));
    service = createQueueService(esl, { now: () => emulator.core.clock.now(), tickMs: 5 });
    const update = await new Promise<QueuePosition>((resolve) => service!.watchPosition(QUEUE, 'gone', 1, resolve));
    expect(update).toEqual({ position: 0, estimatedWaitSeconds: 0 });
  });

  it('serves two thousand waiting callers with one read of the queue per interval, not one each', async () => {
    const { emulator, esl, commands, nowEpoch } = await setUp({ [QUEUE]: { agents: [{ name: 'ada', answerAfterSeconds: 9999 }] } });
    for (let i = 0; i < 2000; i++) emulator.queues.add(member(QUEUE, `s${i}`, nowEpoch() - i));
    const registry = new Registry();
    // Simulated time runs 1000x: everySeconds 5 = 5 ms of real time, the cache keeps a reading for 2 simulated s.
    service = createQueueService(esl, { now: () => emulator.core.clock.now(), tickMs: 10, registry });
    const positions = new Map<string, number[]>();
    const stops = Array.from({ length: 2000 }, (_, i) =>
      service!.watchPosition(QUEUE, `s${i}`, 5, (update) => {
        const list = positions.get(`s${i}`) ?? [];
        list.push(update.position);
        positions.set(`s${i}`, list);
      }),
    );
    await until(() => [...positions.values()].filter((list) => list.length >= 3).length === 2000, 5000);
    for (const stop of stops) stop();
    // The longest waiting caller (s1999) is first; s0 joined last.
    expect(positions.get('s1999')?.[0]).toBe(1);
    expect(positions.get('s0')?.[0]).toBe(2000);
    const reads = commands.filter((c) => c.includes('queue list members')).length;
    expect(reads).toBeLessThan(20);
    // A read sent just before the watchers stopped may still be on its way back (a loaded machine): the counter
    // moves when its answer is in, so wait for it before comparing.
    const okPolls = async () => Number(/switchboard_queue_polls_total\{result="ok"\} (\d+)/.exec(await registry.getSingleMetricAsString('switchboard_queue_polls_total'))?.[1] ?? 0);
    for (const deadline = Date.now() + 5000; (await okPolls()) < reads && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await okPolls()).toBe(reads);
  });

  it('gives up on a reading the switch never answers, and answers again once it does', async () => {
    let stuck = true;
    const sometimesSilent = { api: (command: string) => (stuck ? new Promise<string>(() => undefined) : client!.api(command)) };
    const { nowEpoch } = await setUp({ [QUEUE]: {} });
    emulator!.queues.add(member(QUEUE, 's1', nowEpoch()));
    service = createQueueService(sometimesSilent, { readTimeoutMs: 20, cacheMs: 0 });
    await expect(service.snapshot(QUEUE)).rejects.toThrow(/did not answer/);
    stuck = false;
    expect((await service.snapshot(QUEUE)).callersWaiting).toBe(1);
  });

  it('falls back to the pipe tables when the switch does not answer api json, and stays with them', async () => {
    const { emulator, nowEpoch } = await setUp({ [QUEUE]: { agents: [{ name: 'ada', answerAfterSeconds: 9999 }] } });
    emulator.queues.add(member(QUEUE, 's1', nowEpoch() - 30));
    const asked: string[] = [];
    const noJson = {
      api: (command: string) => {
        asked.push(command.split(' ')[0] ?? '');
        return command.startsWith('json ') ? Promise.resolve('-ERR json Command not found!\n') : client!.api(command);
      },
    };
    service = createQueueService(noJson, { cacheMs: 0 });
    expect(await service.snapshot(QUEUE)).toMatchObject({ callersWaiting: 1, agentsAvailable: 1 });
    asked.length = 0;
    await service.snapshot(QUEUE);
    expect(asked).toEqual(['callcenter_config', 'callcenter_config']);
  });
});

describe('QueueService with callers queued through the callcenter app', () => {
  it('learns the answer rate from callers being answered and turns it into an estimated wait in whole minutes', async () => {
    const server = await acceptingServer();
    try {
      emulator = await startEmulator({
        timeScale: 1000,
        outbound: { host: '127.0.0.1', port: server.port },
        queues: { [QUEUE]: { agents: [{ name: 'ada', answerAfterSeconds: 60, talkSeconds: 30 }] } },
      });
      client = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon' });
      await client.start();
      const clock = emulator.core.clock;
      service = createQueueService(client, { now: () => clock.now() });
      const queueCaller = async () => {
        const session = new OutboundSession(await server.next());
        await session.connect();
        await session.myevents();
        await session.linger();
        await session.execute('callcenter', QUEUE);
      };
      expect((await service.snapshot(QUEUE)).estimatedWaitSeconds).toBe(0);
      const callers: Array<Promise<unknown>> = [];
      const started = clock.now();
      // A caller every 20 simulated seconds for 4 minutes, while the queue is read every few seconds.
      while (clock.now() - started < 240_000) {
        if (callers.length * 20_000 <= clock.now() - started) {
          emulator.placeCall({ destination: '1000' });
          callers.push(queueCaller().catch(() => undefined));
        }
        await service.snapshot(QUEUE);
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      const snapshot = await service.snapshot(QUEUE);
      expect(snapshot.callersWaiting).toBeGreaterThan(0);
      // About one caller answered every 20 s with a few ahead: a minute or two (more if this machine is slow
      // and fewer callers came), always said in whole minutes.
      expect(snapshot.estimatedWaitSeconds).toBeGreaterThan(0);
      expect(snapshot.estimatedWaitSeconds).toBeLessThanOrEqual(600);
      expect(snapshot.estimatedWaitSeconds % 60).toBe(0);
    } finally {
      server.close();
    }
  });
});
