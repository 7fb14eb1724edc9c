import { startEmulator, type Emulator } from '@switchboard/esl-emulator';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startRuntime, type RuntimeHandle } from '../main.js';
import { FakeCallbackService, FakeDeploymentFeed, FakeVersionSource, RecordingAnalytics } from '../testing/fakes.js';
import { compiledFlow, liveVersion } from '../testing/flows.js';

let runtime: RuntimeHandle | undefined;
let emulator: Emulator | undefined;
let crm: Server | undefined;
afterEach(async () => {
  await emulator?.close();
  await runtime?.close();
  crm?.closeAllConnections();
  await new Promise((resolve) => (crm ? crm.close(resolve) : resolve(undefined)));
  runtime = undefined;
  emulator = undefined;
  crm = undefined;
});

/** Runs one call through a runtime configured by `env` whose flow looks the caller up at `url`; returns the nodes visited. */
async function callWithLookup(url: string, env: Record<string, string>): Promise<string[]> {
  const flow = compiledFlow(
    'Lookup',
    [
      { id: 'start', type: 'start' },
      { id: 'crm', type: 'httpRequest', data: { url, timeoutMs: 5000 } },
      { id: 'found', type: 'announcement', data: { prompt: { text: { en: 'Found you.' } } } },
      { id: 'failed', type: 'announcement', data: { prompt: { text: { en: 'Lookup failed.' } } } },
      { id: 'bye', type: 'hangup' },
    ],
    ['start:next->crm', 'crm:ok->found', 'crm:error->failed', 'found:next->bye', 'failed:next->bye'],
  );
  const target = { host: '127.0.0.1', port: 0 };
  emulator = await startEmulator({ outbound: target, timeScale: 1000 });
  const analytics = new RecordingAnalytics();
  runtime = await startRuntime({
    config: loadConfig({ RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0', ...env }),
    deployments: new FakeDeploymentFeed(),
    services: { versions: new FakeVersionSource([liveVersion('1000', flow)]), callbacks: new FakeCallbackService(), analytics },
    logger: pino({ level: 'silent' }),
  });
  target.port = runtime.outboundPort;
  await runtime.registry.loaded;
  await emulator.placeCall({ destination: '1000' }).finished;
  await expect.poll(() => analytics.ended.length).toBe(1);
  return analytics.visits.map((visit) => visit.nodeId);
}

describe("the runtime's flows and the address policy", () => {
  it('refuses a lookup on loopback by default (error outlet, no connection) and makes it when HTTP_REQUEST_ALLOW lists it', async () => {
    let connections = 0;
    crm = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"vip":true}'));
    crm.on('connection', () => connections++);
    await new Promise<void>((resolve) => crm?.listen(0, '127.0.0.1', resolve));
    const port = (crm.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}/lookup`;

    const refused = await callWithLookup(url, {});
    expect(refused).toContain('failed');
    expect(refused).not.toContain('found');
    expect(connections).toBe(0);
    await emulator?.close();
    await runtime?.close();

    const allowed = await callWithLookup(url, { HTTP_REQUEST_ALLOW: `127.0.0.1:${port}` });
    expect(allowed).toContain('found');
    expect(allowed).not.toContain('failed');
    expect(connections).toBe(1);
  }, 60_000);
});
