import { afterEach, describe, expect, it } from 'vitest';
import { FakeVersionSource } from '../testing/fakes.js';
import { liveVersion } from '../testing/flows.js';
import { exampleFlow, startHarness, type Harness } from '../testing/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Lets the emulator start the broadcast it was just handed (its run begins a few microtasks later). */
async function microtasks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await Promise.resolve();
}

describe('queue announcements and the caller\'s exit key', () => {
  it('a key pressed while a position announcement plays leaves the queue (EXIT_WITH_KEY 1) and books the callback', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', exampleFlow('support-queue.json'))]), emulator: { queues: { 'support@default': {} } } });
    const h = harness;
    // The callback flow asks for the number to call back: the caller presses 1 there too.
    const call = h.emulator.placeCall({ destination: '1000', callerIdNumber: '4005551234', script: { dtmf: [{ digits: '1' }] } });
    while (!h.queues.watchers.has(call.bLegUuid)) await new Promise((resolve) => setTimeout(resolve, 1));
    const channel = h.emulator.core.channels.get(call.bLegUuid);
    if (!channel) throw new Error('no emulator channel for the caller');
    // Announcements play nested in the callcenter app: wait until it has started (it sets cc_member_uuid).
    while (!channel.variables.has('cc_member_uuid')) await new Promise((resolve) => setTimeout(resolve, 1));
    // The caller presses 1 while the first announcement is playing (not before it, not after).
    const broadcast = channel.broadcast.bind(channel);
    let pressed = false;
    channel.broadcast = (app, arg) => {
      const hosted = broadcast(app, arg);
      if (!pressed) {
        pressed = true;
        void microtasks(10).then(() => channel.queueDtmf('1'));
      }
      return hosted;
    };
    h.queues.watchers.get(call.bLegUuid)?.({ position: 3, estimatedWaitSeconds: 150 });
    expect((await h.summaryOf(call.bLegUuid)).outcome).toBe('callbackScheduled');
    const b = (await call.finished).log.flatMap((entry) => (entry.kind === 'event' && entry.leg === 'b' ? [entry.event] : []));
    const done = b.find((event) => event.name === 'CHANNEL_EXECUTE_COMPLETE' && event.headers.some(([n, v]) => n === 'Application' && v === 'callcenter'));
    const header = (wanted: string) => done?.headers.find(([name]) => name === wanted)?.[1];
    // The caller's own key, not the runtime's D: the flow took the exit-key branch, not max wait.
    expect([header('variable_cc_cancel_reason'), header('variable_cc_exit_key')]).toEqual(['EXIT_WITH_KEY', '1']);
    expect(h.commands.get(call.bLegUuid)?.filter((command) => command.startsWith('api uuid_recv_dtmf'))).toEqual([]);
    expect(h.callbacks.requests).toMatchObject([{ queue: 'support@default', number: '4005551234', keepPlace: true }]);
  });
});
