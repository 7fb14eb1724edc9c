import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log.js';

interface Seen {
  readonly uuid: string;
  readonly name: string;
}

/** A log holding `count` events spread over 1,000 other channels: the history of a long real-switch test. */
function busyLog(count: number): EventLog<Seen> {
  const log = new EventLog<Seen>();
  for (let index = 0; index < count; index++) log.record({ uuid: `other-${index % 1000}`, name: index % 3 === 0 ? 'CHANNEL_CREATE' : 'CHANNEL_EXECUTE' });
  return log;
}

/** A test that counts how many events it was asked about. */
function counting(accept: (event: Seen) => boolean): { test: (event: Seen) => boolean; readonly asked: number } {
  let asked = 0;
  return {
    test: (event) => {
      asked++;
      return accept(event);
    },
    get asked() {
      return asked;
    },
  };
}

// The suite shares its event loop with the runtimes under test: a wait that looks through the whole history stalls
// their sockets (calls to a runtime went unanswered for 60 s at 100 live calls). These pin down that a wait looks
// only at what it must, by counting the events its test is asked about.
describe('the observer event log', () => {
  it('a wait for a new call looks only at events recorded after it began, however long the history', async () => {
    const log = busyLog(50_000);
    const since = log.length;
    const probe = counting((event) => event.name === 'CHANNEL_CREATE' && event.uuid === 'new-b-leg');
    const found = log.waitFor(probe.test, 1000, 'the b-leg', { from: since });
    log.record({ uuid: 'new-a-leg', name: 'CHANNEL_CREATE' });
    log.record({ uuid: 'new-b-leg', name: 'CHANNEL_CREATE' });
    await expect(found).resolves.toEqual({ uuid: 'new-b-leg', name: 'CHANNEL_CREATE' });
    expect(probe.asked).toBe(2);
  });

  it('finds a match recorded between the mark and the wait without looking before the mark', async () => {
    const log = busyLog(20_000);
    const since = log.length;
    log.record({ uuid: 'b-leg', name: 'CHANNEL_CREATE' });
    const probe = counting((event) => event.uuid === 'b-leg');
    await expect(log.waitFor(probe.test, 1000, 'the b-leg', { from: since })).resolves.toMatchObject({ uuid: 'b-leg' });
    expect(probe.asked).toBe(1);
  });

  it("a wait on one channel is asked only about that channel's events, recorded or new", async () => {
    const log = busyLog(30_000);
    log.record({ uuid: 'mine', name: 'CHANNEL_CREATE' });
    log.record({ uuid: 'mine', name: 'CHANNEL_EXECUTE' });
    const probe = counting((event) => event.name === 'CHANNEL_HANGUP_COMPLETE');
    const ended = log.waitFor(probe.test, 1000, 'hang-up', { channel: 'mine' });
    for (let index = 0; index < 5_000; index++) log.record({ uuid: `other-${index}`, name: 'CHANNEL_HANGUP_COMPLETE' });
    log.record({ uuid: 'mine', name: 'CHANNEL_HANGUP_COMPLETE' });
    await expect(ended).resolves.toEqual({ uuid: 'mine', name: 'CHANNEL_HANGUP_COMPLETE' });
    expect(probe.asked).toBe(3);
    expect(log.of('mine').map((event) => event.name)).toEqual(['CHANNEL_CREATE', 'CHANNEL_EXECUTE', 'CHANNEL_HANGUP_COMPLETE']);
  });

  it('a wait without a scope still sees every event, old and new', async () => {
    const log = busyLog(100);
    await expect(log.waitFor((event) => event.uuid === 'other-7', 1000, 'an old event')).resolves.toMatchObject({ uuid: 'other-7' });
    const later = log.waitFor((event) => event.name === 'DTMF', 1000, 'a key');
    log.record({ uuid: 'x', name: 'DTMF' });
    await expect(later).resolves.toMatchObject({ uuid: 'x' });
  });

  it('a wait that times out says what it waited for, and a later event on its channel is not given to it', async () => {
    const log = new EventLog<Seen>();
    const probe = counting(() => true);
    await expect(log.waitFor(probe.test, 20, 'hang-up of +1999', { channel: 'gone' })).rejects.toThrow('timed out after 20 ms waiting for hang-up of +1999');
    log.record({ uuid: 'gone', name: 'CHANNEL_HANGUP_COMPLETE' });
    expect(probe.asked).toBe(0);
  });
});
