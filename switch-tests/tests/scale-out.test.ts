/**
 * The scale-out proof (issue 15): Switchboard as an operator runs it on several machines — an API process and two
 * runtime processes (`node scripts/start.mjs` with SWITCHBOARD_ROLE) on one PostgreSQL, both runtimes serving a
 * real FreeSWITCH whose dialplan lists them both — while calls flow without a pause: a flow is published, runtime A
 * restarts gracefully, callbacks are dialled, runtime B is killed (SIGKILL) and restarted, the API restarts and a
 * flow is published through it again. Prints the figures: calls placed / failed / cut, callbacks dialled, publish →
 * live per runtime.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@switchboard/db';
import { providePostgresForTests } from '../../prisma/src/test-postgres-setup.js';
import { runFlowctl } from '../../scripts/flowctl.js';
import { apiOnce, freePort, startSwitch, type SwitchInstance } from '@switchboard/runtime/testing/freeswitch';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import { SwitchObserver, type TestCall } from '../src/observer.js';
import { SwitchboardProcess, waitForHttpOk } from '../src/processes.js';

const NUMBER = '+15550291';
const ADMIN = { email: 'admin@switchboard.local', password: 'scale-out admin password' };
const talk = (version: number) =>
  flowDocument(
    'Scale-out talk',
    [
      { id: 'talk', type: 'announcement', data: { prompt: say(`Version ${version}. Thank you for calling; this message lasts a few seconds.`) } },
      hangupNode('bye', 'Goodbye.'),
    ],
    [['talk', 'next', 'bye']],
  );
const CALLBACKS = 6;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let releasePostgres: (() => Promise<void>) | undefined;
let databaseUrl = '';
let schema = '';
let fs: SwitchInstance | undefined;
let observer: SwitchObserver | undefined;
let database: Database | undefined;
let workDir = '';
const processes: SwitchboardProcess[] = [];

beforeAll(async () => {
  releasePostgres = await providePostgresForTests(() => undefined);
  schema = `scale_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(process.env['TEST_DATABASE_URL']!);
  url.searchParams.set('schema', schema);
  databaseUrl = url.toString();
  fs = await startSwitch({ runtimeAddress: '127.0.0.1:9' });
  observer = new SwitchObserver(fs.esl);
  await observer.start();
  workDir = mkdtempSync(join(tmpdir(), 'scale-out-'));
});

afterAll(async () => {
  for (const running of processes) await running.kill();
  await observer?.stop();
  await fs?.stop();
  if (database) {
    await database.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
  await releasePostgres?.();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** An API process (designer + API + scheduler, no runtime) on `port`. */
async function startApi(port: number): Promise<SwitchboardProcess> {
  const api = new SwitchboardProcess('API', { SWITCHBOARD_ROLE: 'api', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' });
  processes.push(api);
  await api.waitForLine(/^Switchboard designer on /);
  await waitForHttpOk(`http://127.0.0.1:${port}/healthz`);
  return api;
}

/** A runtime process serving the suite's switch; `instance` stays the same across restarts, as on a server. */
async function startRuntimeProcess(instance: string, listenPort: number, httpPort: number): Promise<SwitchboardProcess> {
  const runtime = new SwitchboardProcess(`runtime ${instance}`, {
    SWITCHBOARD_ROLE: 'runtime',
    DATABASE_URL: databaseUrl,
    ESL_HOST: fs!.esl.host,
    ESL_PORT: String(fs!.esl.port),
    ESL_PASSWORD: fs!.esl.password,
    RUNTIME_LISTEN_HOST: '127.0.0.1',
    RUNTIME_LISTEN_PORT: String(listenPort),
    RUNTIME_HTTP_PORT: String(httpPort),
    RUNTIME_INSTANCE: instance,
    RUNTIME_DRAIN_SECONDS: '60',
    RUNTIME_FALLBACK_EXTENSION: '1000',
    RUNTIME_FALLBACK_TIMEOUT: '10',
    // Callbacks ring the stand-in phones of the project's dialplan (freeswitch/conf/dialplan/agents.xml).
    DIAL_NUMBER_TEMPLATE: 'loopback/{destination}/agents',
    LOG_LEVEL: 'info',
  });
  processes.push(runtime);
  await runtime.waitForLine(/^Runtime \(production/);
  await waitForHttpOk(`http://127.0.0.1:${httpPort}/healthz`);
  return runtime;
}

/** `flowctl push … --publish --activate NUMBER` against the API on `apiPort`, as an operator would. */
async function pushAndActivate(apiPort: number, version: number): Promise<void> {
  const file = join(workDir, `talk-v${version}.json`);
  writeFileSync(file, JSON.stringify(talk(version), null, 2));
  const output: string[] = [];
  const io = {
    env: { SWITCHBOARD_URL: `http://127.0.0.1:${apiPort}`, SWITCHBOARD_EMAIL: ADMIN.email, SWITCHBOARD_PASSWORD: ADMIN.password },
    cwd: workDir,
    out: (line: string) => output.push(line),
    err: (line: string) => output.push(line),
  };
  const code = await runFlowctl(['push', file, '--publish', '--message', `v${version}`, '--activate', NUMBER, '--env', 'production'], io);
  if (code !== 0) throw new Error(`flowctl push v${version} failed (${code}):\n${output.join('\n')}`);
}

/** When (epoch ms, from its log) `runtime` started serving `version` on NUMBER. */
function servedAt(runtime: SwitchboardProcess, version: number): number | undefined {
  const entry = runtime.logEntries('binding now runs a new version').find((line) => line['address'] === NUMBER && line['version'] === version);
  return typeof entry?.['time'] === 'number' ? entry['time'] : undefined;
}

async function waitUntilServed(runtimes: readonly SwitchboardProcess[], version: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (runtimes.some((runtime) => servedAt(runtime, version) === undefined)) {
    if (Date.now() > deadline) throw new Error(`v${version} not live on every runtime within 15 s`);
    await pause(50);
  }
}

describe('scale-out on one PostgreSQL: an API and two runtimes, restarted and killed while calls flow', () => {
  it('places every call, cuts only the calls of the killed runtime, dials each callback once, and takes every publish', async () => {
    const [apiPort, listenA, listenB, httpA, httpB] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const api = await startApi(apiPort);
    database = await createDatabase({ url: databaseUrl });
    await pushAndActivate(apiPort, 1);
    let runtimeA = await startRuntimeProcess('scale-a', listenA, httpA);
    let runtimeB = await startRuntimeProcess('scale-b', listenB, httpB);
    // FreeSWITCH's socket app tries the listed runtimes in turn until one accepts (runtime/README.md).
    expect(await apiOnce(fs!.esl, `global_setvar switchboard_runtime=127.0.0.1:${listenA}|127.0.0.1:${listenB}`)).toMatch(/^\+OK/);

    const calls: Array<{ call: TestCall; placedAt: number }> = [];
    const failedToPlace: string[] = [];
    let placing = true;
    const placer = (async () => {
      while (placing) {
        try {
          calls.push({ call: await observer!.call(NUMBER), placedAt: Date.now() });
        } catch (error) {
          failedToPlace.push((error as Error).message);
        }
        await pause(300);
      }
    })();

    // Keep-your-place callbacks whose callers left a minute ago: due now, for the Support queue's agent.
    const callbackIds: string[] = [];
    for (let index = 0; index < CALLBACKS; index++) {
      const created = await database.prisma.callback.create({
        data: { number: `+4477009003${String(index).padStart(2, '0')}`, queue: 'support@default', switchGroup: 'default', originalWaitSeconds: 60 + index, nextAttemptAt: new Date(), requestedAt: new Date(Date.now() - 60_000), callerLeftAt: new Date(Date.now() - 30_000) },
      });
      callbackIds.push(created.id);
    }

    await pause(2_000);
    const publishV2 = Date.now();
    await pushAndActivate(apiPort, 2);
    await waitUntilServed([runtimeA, runtimeB], 2);
    const servedV2 = { a: servedAt(runtimeA, 2), b: servedAt(runtimeB, 2) };

    // Runtime A: a graceful restart (SIGTERM drains; the dialplan sends new calls to B meanwhile).
    await pause(2_000);
    const stoppedA = Date.now();
    await runtimeA.stop();
    runtimeA = await startRuntimeProcess('scale-a', listenA, httpA);

    // The callbacks are placed (one at a time: the queue has one agent) before B is killed.
    const deadline = Date.now() + 120_000;
    while ((await database.prisma.callback.count({ where: { id: { in: callbackIds }, status: { in: ['pending', 'in_progress'] } } })) > 0) {
      if (Date.now() > deadline) throw new Error(`callbacks still open after 120 s: ${JSON.stringify(await database.prisma.callback.findMany({ where: { id: { in: callbackIds } }, select: { status: true, attempts: true, lastError: true } }))}`);
      await pause(500);
    }

    // Runtime B: killed (no drain) and started again under the same instance name.
    const killedAt = Date.now();
    await runtimeB.kill();
    await pause(1_000);
    runtimeB = await startRuntimeProcess('scale-b', listenB, httpB);

    // The API restarts; a publish through the new API process still reaches both runtimes.
    await pause(1_000);
    await api.stop();
    await startApi(apiPort);
    const publishV3 = Date.now();
    await pushAndActivate(apiPort, 3);
    await waitUntilServed([runtimeA, runtimeB], 3);
    await pause(3_000);
    placing = false;
    await placer;

    // --- What the switch and the database saw.
    const ends = await Promise.all(calls.map(({ call }) => call.ended(90_000)));
    const fallbackCalls: TestCall[] = [];
    for (const { call } of calls) {
      if ((await call.applications()).some((app) => app.startsWith('log(WARNING Switchboard runtime unavailable'))) fallbackCalls.push(call);
    }
    // The runtimes write a call's end just after it; wait for the last ones.
    const callers = calls.map(({ call }) => call.caller);
    const recordsDeadline = Date.now() + 30_000;
    while ((await database.prisma.callRecord.count({ where: { callerNumber: { in: callers }, endedAt: { not: null } } })) < calls.length && Date.now() < recordsDeadline) await pause(200);
    const records = await database.prisma.callRecord.findMany({
      where: { callerNumber: { in: calls.map(({ call }) => call.caller) } },
      select: { callerNumber: true, outcome: true, runtimeInstance: true, endedAt: true, versionId: true, visits: { select: { nodeId: true }, orderBy: { sequence: 'asc' } } },
    });
    const byCaller = new Map(records.map((record) => [record.callerNumber, record]));
    const versions = new Map((await database.prisma.flowVersion.findMany({ where: { flow: { name: 'Scale-out talk' } }, select: { id: true, number: true } })).map((v) => [v.id, v.number]));
    const callbacks = await database.prisma.callback.findMany({ where: { id: { in: callbackIds } } });
    const originates = new Map(callbackIds.map((id) => [id, new Set<string>()]));
    for (const event of observer!.seen) {
      const id = event.header('variable_sb_callback_id');
      if (event.name === 'CHANNEL_CREATE' && id && /-a$/.test(event.header('Channel-Name') ?? '')) originates.get(id)?.add(event.uuid);
    }
    // Publish → live: from the activation's row (written by the API process) to each runtime's log line.
    const activatedAt = async (version: number) => (await database!.prisma.deployment.findFirstOrThrow({ where: { toVersion: { number: version, flow: { name: 'Scale-out talk' } } }, orderBy: { createdAt: 'desc' } })).createdAt.getTime();
    const [activatedV2, activatedV3] = [await activatedAt(2), await activatedAt(3)];
    const live = (served: number | undefined, since: number) => (served ?? Number.NaN) - since;

    const figures = {
      callsPlaced: calls.length,
      failedToPlace: failedToPlace.length,
      endedAbnormally: ends.filter((cause) => cause !== 'NORMAL_CLEARING').length,
      cutToFallback: fallbackCalls.length,
      unrecorded: calls.filter(({ call }) => !byCaller.has(call.caller)).length,
      outcomes: Object.fromEntries([...new Set(records.map((r) => r.outcome))].map((o) => [o, records.filter((r) => r.outcome === o).length])),
      perRuntime: Object.fromEntries([...new Set(records.map((r) => r.runtimeInstance))].map((i) => [i, records.filter((r) => r.runtimeInstance === i).length])),
      perVersion: Object.fromEntries([...new Set(records.map((r) => versions.get(r.versionId ?? '') ?? null))].map((v) => [`v${v}`, records.filter((r) => (versions.get(r.versionId ?? '') ?? null) === v).length])),
      callbacks: { booked: CALLBACKS, completed: callbacks.filter((c) => c.status === 'completed').length, dialsPerCallback: [...originates.values()].map((uuids) => uuids.size) },
      publishToLiveMs: { v2: { a: live(servedV2.a, activatedV2), b: live(servedV2.b, activatedV2) }, v3: { a: live(servedAt(runtimeA, 3), activatedV3), b: live(servedAt(runtimeB, 3), activatedV3) } },
      flowctlPushMs: { v2: activatedV2 - publishV2, v3: activatedV3 - publishV3 },
    };
    console.log(`scale-out figures: ${JSON.stringify(figures)}`);
    const t = (at: number) => ((at - calls[0]!.placedAt) / 1000).toFixed(1);
    console.log(`timeline: publishV2 ${t(publishV2)} stopA ${t(stoppedA)} killB ${t(killedAt)} publishV3 ${t(publishV3)}`);
    for (const { call, placedAt } of calls) {
      const record = byCaller.get(call.caller);
      if (record?.outcome !== 'selfServed') console.log(`  ${call.caller} placed ${t(placedAt)} ${record?.runtimeInstance} ${record?.outcome} fallback=${fallbackCalls.includes(call)} visits=${record?.visits.map((v) => v.nodeId).join('>')}`);
    }

    expect(failedToPlace).toEqual([]);
    expect(calls.length).toBeGreaterThanOrEqual(40);
    // A caller whose runtime died is not dropped: the dialplan's fallback bridges them to the operator.
    expect(ends.filter((cause) => cause !== 'NORMAL_CLEARING')).toEqual([]);
    // Only calls of B in its last seconds were touched by the kill: those in progress went to the fallback, and
    // those that ended just before it had their end unwritten. B's restart closed them all as runtimeLost.
    const placedAt = new Map(calls.map(({ call, placedAt: at }) => [call.caller, at]));
    const touchedByKill = (caller: string) => {
      const at = placedAt.get(caller)!;
      const instance = byCaller.get(caller)?.runtimeInstance;
      // No record at all: the call had just reached B, which died before writing its start.
      return (instance === 'scale-b' || instance === undefined) && at < killedAt && at > killedAt - 15_000;
    };
    for (const call of fallbackCalls) expect(touchedByKill(call.caller), `fallback call from ${call.caller}`).toBe(true);
    for (const { call } of calls) {
      const record = byCaller.get(call.caller);
      if (record === undefined || record.outcome === 'runtimeLost') {
        expect(touchedByKill(call.caller), `${record ? 'runtimeLost' : 'unrecorded'} call from ${call.caller}`).toBe(true);
        continue;
      }
      expect(fallbackCalls.includes(call), `fallback call from ${call.caller} recorded as ${record?.outcome}`).toBe(false);
      // Every other call ran the flow to its end on some runtime.
      expect(record?.outcome, `call from ${call.caller}`).toBe('selfServed');
      expect(record?.visits.at(-1)?.nodeId).toBe('bye');
    }
    expect(records.every((record) => record.endedAt !== null)).toBe(true);
    expect(figures.unrecorded).toBeLessThanOrEqual(fallbackCalls.length);
    // Both runtimes took calls, before and after their restarts.
    expect(Object.keys(figures.perRuntime).sort()).toEqual(['scale-a', 'scale-b']);
    expect(figures.perVersion['v3']).toBeGreaterThan(0);
    // Each callback was dialled exactly once, by whichever runtime claimed it, and completed.
    expect(figures.callbacks.completed).toBe(CALLBACKS);
    expect(figures.callbacks.dialsPerCallback).toEqual(Array(CALLBACKS).fill(1));
    expect(callbacks.every((callback) => callback.attempts === 1)).toBe(true);
    // Every publish reached both runtimes within a second.
    for (const ms of [figures.publishToLiveMs.v2.a, figures.publishToLiveMs.v2.b, figures.publishToLiveMs.v3.a, figures.publishToLiveMs.v3.b]) expect(ms).toBeLessThan(1_000);
    await observer!.noChannels(30_000);
  }, 400_000);
});
