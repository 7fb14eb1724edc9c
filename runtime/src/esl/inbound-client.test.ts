import { startEmulator, type Emulator } from '@switchboard/esl-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { EslNotConnectedError } from './errors.js';
import type { EslEvent } from './event.js';
import { InboundClient } from './inbound-client.js';

let emulator: Emulator | undefined;
let client: InboundClient | undefined;
afterEach(async () => {
  await client?.stop();
  await emulator?.close();
  client = undefined;
  emulator = undefined;
});

describe('InboundClient against the emulator', () => {
  it('authenticates, runs api and resolves bgapi on the BACKGROUND_JOB with its Job-UUID', async () => {
    emulator = await startEmulator({ timeScale: 1000, extensions: { '1001': 'tone' } });
    client = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon' });
    await client.start();
    expect(client.health).toMatchObject({ state: 'ready', connections: 1 });
    expect(await client.api('uuid_exists 00000000-0000-0000-0000-000000000000')).toBe('false');
    expect(await client.bgapi('status')).toMatch(/^UP /);
    const originated = await client.bgapi('originate {origination_caller_id_number=4005551234}error/user_busy &park()', '413a1d23-52bb-43e6-a33c-924b417f3eba');
    expect(originated).toBe('-ERR USER_BUSY\n');
  });

  it('delivers subscribed events', async () => {
    emulator = await startEmulator({ timeScale: 1000, extensions: { '1001': 'tone' } });
    client = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon', events: ['CHANNEL_HANGUP_COMPLETE'], eventFormat: 'json' });
    await client.start();
    const hangups: EslEvent[] = [];
    const twoHangups = new Promise<void>((resolve) =>
      client?.onEvent((event) => {
        if (event.name === 'CHANNEL_HANGUP_COMPLETE' && hangups.push(event) === 2) resolve();
      }),
    );
    expect(await client.api('originate loopback/1001/default &park()')).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    await twoHangups;
    expect(hangups.map((event) => event.format)).toEqual(['json', 'json']);
  });

  it('reports a wrong password in its health and keeps retrying with backoff', async () => {
    emulator = await startEmulator();
    client = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'WrongPassword', backoff: { initialMs: 5, maxMs: 20 } });
    void client.start();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(client.health.state).not.toBe('ready');
    expect(client.health.lastError).toContain('-ERR invalid');
    expect(client.health.consecutiveFailures).toBeGreaterThan(1);
    await expect(client.api('status')).rejects.toBeInstanceOf(EslNotConnectedError);
  });

  it('reconnects after the switch goes away and comes back on the same port', async () => {
    emulator = await startEmulator();
    const port = emulator.inboundPort;
    client = new InboundClient({ host: '127.0.0.1', port, password: 'ClueCon', backoff: { initialMs: 5, maxMs: 40 } });
    await client.start();
    const pendingJob = client.bgapi('originate loopback/1000/default &park()');
    await emulator.close();
    await expect(pendingJob).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(client.health.state).not.toBe('ready');
    emulator = await startEmulator({ inboundPort: port });
    await client.ready();
    expect(client.health).toMatchObject({ state: 'ready', connections: 2 });
    expect(await client.api('uuid_exists nothing')).toBe('false');
  });
});
