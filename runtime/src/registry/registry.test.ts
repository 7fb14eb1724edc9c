import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeDeploymentFeed, FakeVersionSource } from '../testing/fakes.js';
import { compiledFlow, greetingFlow, liveVersion } from '../testing/flows.js';
import { FlowRegistry } from './registry.js';

const logger = pino({ level: 'silent' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('FlowRegistry', () => {
  it('serves the live version of each binding of its environment, and swaps it on a deployment notice', async () => {
    const source = new FakeVersionSource([liveVersion('1000', greetingFlow('Main', 'v1'), 1), liveVersion('1000', greetingFlow('Main', 'staging'), 9, 'staging')]);
    const feed = new FakeDeploymentFeed();
    const registry = new FlowRegistry({ source, environment: 'production', logger });
    await registry.start(feed);
    const pinned = registry.lookup('1000');
    expect(pinned).toMatchObject({ flowName: 'Main', versionNumber: 1 });

    source.publish(liveVersion('1000', greetingFlow('Main', 'v2'), 2));
    feed.notify({ address: '1000', environment: 'staging', versionId: 'x' });
    await settle();
    expect(registry.lookup('1000')?.versionNumber).toBe(1);
    feed.notify({ address: '1000', environment: 'production', versionId: 'Main-v2' });
    await settle();
    expect(registry.lookup('1000')?.versionNumber).toBe(2);
    // What a call pinned earlier does not change under it.
    expect(pinned?.versionNumber).toBe(1);
    registry.close();
  });

  it('links the sub-flows a version calls into its program, and re-links when a sub-flow is republished', async () => {
    const identify = greetingFlow('Identify', 'who are you');
    const main = compiledFlow(
      'Main',
      [
        { id: 'start', type: 'start' },
        { id: 'sub', type: 'subflow', data: { flow: 'Identify', outcomes: ['done'] } },
        { id: 'bye', type: 'hangup' },
      ],
      ['start:next->sub', 'sub:done->bye', 'sub:failed->bye'],
    );
    const source = new FakeVersionSource([liveVersion('1000', main), liveVersion('2000', identify)]);
    const feed = new FakeDeploymentFeed();
    const registry = new FlowRegistry({ source, environment: 'production', logger });
    await registry.start(feed);
    expect(Object.keys(registry.lookup('1000')?.program.flows ?? {}).sort()).toEqual(['Identify', 'Main']);

    const identify2 = greetingFlow('Identify', 'who are you, again');
    source.publish(liveVersion('2000', identify2, 2));
    feed.notify({ address: '2000', environment: 'production', versionId: 'Identify-v2' });
    await settle();
    expect(registry.lookup('1000')?.program.flows['Identify']?.hash).toBe(identify2.hash);
    registry.close();
  });

  it('keeps serving cached versions while the database is down, and loads once it is back', async () => {
    const source = new FakeVersionSource([liveVersion('1000', greetingFlow('Main', 'v1'))]);
    const feed = new FakeDeploymentFeed();
    const registry = new FlowRegistry({ source, environment: 'production', logger, retry: { initialMs: 5, maxMs: 10 } });
    await registry.start(feed);
    source.down = true;
    feed.notify({ address: '1000', environment: 'production', versionId: 'x' });
    await settle();
    expect(registry.lookup('1000')?.versionNumber).toBe(1);
    expect(registry.health).toMatchObject({ loaded: true, databaseReachable: false });
    source.down = false;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(registry.health).toMatchObject({ databaseReachable: true });
    registry.close();
  });

  it('starts without the database (nothing to serve yet) and retries until it loads', async () => {
    const source = new FakeVersionSource([liveVersion('1000', greetingFlow('Main', 'v1'))]);
    source.down = true;
    const registry = new FlowRegistry({ source, environment: 'production', logger, retry: { initialMs: 5, maxMs: 10 } });
    await registry.start();
    expect(registry.lookup('1000')).toBeUndefined();
    expect(registry.health.loaded).toBe(false);
    source.down = false;
    await registry.loaded;
    expect(registry.lookup('1000')?.flowName).toBe('Main');
    registry.close();
  });
});
