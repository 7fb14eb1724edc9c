/**
 * Switchboard under test: a database (PGlite in memory, or PostgreSQL from TEST_DATABASE_URL in a schema of its
 * own), the API services with the example flows published and bound, and the runtime connected to the switch
 * (inbound ESL) and listening for its `socket` connections.
 */
import { createDatabase, type Database } from '@switchboard/db';
import { createApiServices, publishExampleFlows, seedUsers } from '@switchboard/designer';
import { loadConfig, scaledClock, startRuntime, type CallSummary, type RuntimeHandle } from '@switchboard/runtime';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { appRouter } from '../../designer/server/app-router.js';
import { createCallerFactory, type ApiServices } from '../../designer/server/trpc.js';
import type { EslAddress } from '@switchboard/runtime/testing/freeswitch';

const EXAMPLES_DIR = fileURLToPath(new URL('../../flows/examples', import.meta.url));

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;

/** A running Switchboard (database + API + runtime). */
export interface SwitchboardUnderTest {
  readonly database: Database;
  readonly services: ApiServices;
  /** The API as the seeded admin (publish, bind, activate). */
  readonly api: Caller;
  readonly runtime: RuntimeHandle;
  /** `host:port` for the dialplan's `socket` app. */
  readonly runtimeAddress: string;
  readonly summaries: CallSummary[];
  /** Publishes `document` (creating or updating the flow) and returns its new version number. */
  publish(document: unknown): Promise<number>;
  /** Binds `address` (production) to the flow's latest version, or makes `version` live on it. */
  bind(address: string, flowName: string, version?: number): Promise<void>;
  /** Publishes and binds in one step. */
  deploy(address: string, document: { name: string }): Promise<number>;
  /**
   * Starts another runtime on the same database and deployment bus (a second process in production), listening
   * on `port` (0: a free one). The caller closes it.
   */
  startRuntime(port?: number): Promise<RuntimeHandle>;
  /** The call record of the call from `caller`, once the runtime has written its end. */
  callRecord(caller: string, timeoutMs?: number): Promise<CallRecordView>;
  close(): Promise<void>;
}

/** A call record with its node visits in order. */
export interface CallRecordView {
  readonly callId: string;
  readonly flowName: string | null;
  readonly versionNumber: number | null;
  readonly outcome: string | null;
  readonly visits: ReadonlyArray<{ nodeId: string; nodeType: string; outlet: string | null }>;
}

/** Starts Switchboard against the switch's event socket. `runtimePort` 0 picks a free one. */
export async function startSwitchboard(options: {
  esl: EslAddress;
  runtimePort?: number;
  env?: NodeJS.ProcessEnv;
  /** The runtime's wall clock starts at this time (ms) and runs at real speed: schedules become deterministic. */
  startAt?: number;
  /** More runtime configuration (loadConfig's variables, e.g. DIAL_NUMBER_TEMPLATE), over the suite's. */
  runtimeConfig?: Readonly<Record<string, string>>;
}): Promise<SwitchboardUnderTest> {
  const env = options.env ?? process.env;
  const postgres = env['TEST_DATABASE_URL']?.trim();
  const schema = `switch_${process.pid}_${Date.now().toString(36)}`;
  const database = await createDatabase(postgres ? { url: postgres, schema } : { url: 'memory://' });
  try {
    const services = await createApiServices(database);
    await seedUsers(database.prisma, {});
    const admin = await database.prisma.user.findFirstOrThrow({ where: { role: 'admin' } });
    const api = createCaller({
      ...services,
      user: { id: admin.id, email: admin.email, displayName: admin.displayName, role: admin.role },
      sessionTokenHash: null,
      clientAddress: 'switch-tests',
      setCookie: () => undefined,
    });
    const problems = (await publishExampleFlows(services, EXAMPLES_DIR)).filter((result) => result.problem);
    if (problems.length > 0) throw new Error(`example flows not published: ${problems.map((p) => `${p.file}: ${p.problem}`).join('; ')}`);

    const summaries: CallSummary[] = [];
    let runtimes = 0;
    const runtimeOn = (port: number) => startRuntime({
      config: loadConfig({
        LOG_LEVEL: env['TEST_LOG_LEVEL'] ?? 'silent',
        ESL_HOST: options.esl.host,
        ESL_PORT: String(options.esl.port),
        ESL_PASSWORD: options.esl.password,
        RUNTIME_LISTEN_HOST: '127.0.0.1',
        RUNTIME_LISTEN_PORT: String(port),
        // Each runtime its own instance: one starting up must not close another's open calls as runtimeLost.
        RUNTIME_INSTANCE: `switch-tests:${process.pid}:${++runtimes}`,
        RUNTIME_HTTP_PORT: 'off',
        // The project's configuration: user 1000 is the operator (freeswitch/conf/directory/default.xml).
        RUNTIME_FALLBACK_EXTENSION: '1000',
        RUNTIME_FALLBACK_TIMEOUT: '10',
        ...options.runtimeConfig,
      }),
      database,
      deployments: services.deploymentEvents,
      logger: runtimeLogger(),
      onCallEnded: (summary) => summaries.push(summary),
      ...(options.startAt !== undefined ? { clock: scaledClock(options.startAt, 1) } : {}),
    });
    const runtime = await runtimeOn(options.runtimePort ?? 0);

    const publish = async (document: unknown): Promise<number> => {
      const [imported] = await api.flows.import({ documents: [document], replaceOthersDrafts: true });
      try {
        const { version } = await api.flows.publish({ flowId: imported!.flowId, message: 'switch test' });
        return version.number;
      } catch (error) {
        const diagnostics = ((error as { cause?: { diagnostics?: Array<{ code: string; path: string; message: string; severity: string }> } }).cause?.diagnostics ?? []).filter((d) => d.severity === 'error');
        throw new Error(`${(error as Error).message}: ${diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`).join('; ')}`);
      }
    };
    const bind = async (address: string, flowName: string, version?: number): Promise<void> => {
      const existing = (await api.deployments.list({})).find((b) => b.address === address && b.environment === 'production');
      if (!existing) {
        await api.deployments.bind({ address, environment: 'production', flowName, ...(version !== undefined ? { versionNumber: version } : {}), reason: 'switch test' });
      } else {
        const target = version ?? (await latestVersion(database, flowName));
        if (existing.flowName !== flowName) await api.deployments.bind({ address, environment: 'production', flowName, versionNumber: target, reason: 'switch test' });
        else if (existing.versionNumber !== target) await api.deployments.activate({ address, environment: 'production', versionNumber: target, reason: 'switch test' });
      }
      await waitUntilServed(runtime, address, flowName, version ?? (await latestVersion(database, flowName)));
    };

    return {
      database,
      services,
      api,
      runtime,
      runtimeAddress: `127.0.0.1:${runtime.outboundPort}`,
      summaries,
      publish,
      bind,
      deploy: async (address, document) => {
        const version = await publish(document);
        await bind(address, document.name, version);
        return version;
      },
      startRuntime: (port = 0) => runtimeOn(port),
      callRecord: (caller, timeoutMs = 20_000) => callRecord(database, caller, timeoutMs),
      close: async () => {
        await runtime.close(2_000);
        await services.deploymentEvents.close();
        if (postgres) await database.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function latestVersion(database: Database, flowName: string): Promise<number> {
  const version = await database.prisma.flowVersion.findFirstOrThrow({ where: { flow: { name: flowName } }, orderBy: { number: 'desc' } });
  return version.number;
}

/** Waits until the runtime's registry serves `version` of `flowName` on `address`. */
async function waitUntilServed(runtime: RuntimeHandle, address: string, flowName: string, version: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const live = runtime.registry.lookup(address);
    if (live && live.flowName === flowName && live.versionNumber === version) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the runtime did not load ${flowName} v${version} on ${address} within 10 s`);
}

async function callRecord(database: Database, caller: string, timeoutMs: number): Promise<CallRecordView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await database.prisma.callRecord.findFirst({
      where: { callerNumber: caller },
      include: { visits: { orderBy: { sequence: 'asc' } } },
    });
    if (record?.endedAt) {
      const version = record.versionId ? await database.prisma.flowVersion.findUnique({ where: { id: record.versionId } }) : null;
      return {
        callId: record.callId,
        flowName: record.flowName,
        versionNumber: version?.number ?? null,
        outcome: record.outcome,
        visits: record.visits.map((visit) => ({ nodeId: visit.nodeId, nodeType: visit.nodeType, outlet: visit.outlet })),
      };
    }
    if (Date.now() > deadline) throw new Error(`no finished call record for caller ${caller} within ${timeoutMs} ms${record ? ' (started, never ended)' : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The runtimes' logger: TEST_LOG_LEVEL to the console when set; otherwise, under `pnpm test:switch`, warnings and
 * errors to a file in its output folder (SWITCH_TESTS_LOG_DIR), which it prints when a test failed.
 */
function runtimeLogger() {
  const level = process.env['TEST_LOG_LEVEL'];
  if (level) return pino({ level });
  const dir = process.env['SWITCH_TESTS_LOG_DIR'];
  if (!dir) return pino({ level: 'silent' });
  return pino({ level: 'warn' }, pino.destination({ dest: join(dir, `runtime-${process.pid}.log`), append: true, sync: true, mkdir: true }));
}

