/**
 * Starts Switchboard. SWITCHBOARD_ROLE picks the parts: `all` (default, `npm start`), `api` (designer + API +
 * scheduler; examples only with SWITCHBOARD_EXAMPLES=1) or `runtime` (the call runtime alone, needs ESL_HOST);
 * several API and runtime processes share one PostgreSQL (README, "Running in production"). The all-in-one:
 * migrate the database, seed one user per role, publish and bind
 * the example flows, serve the designer and the API on one port, and run the call runtime on the same database
 * and deployment bus — connected to the FreeSWITCH named by ESL_HOST or, when none is, to an emulated one that
 * places a demo call every SWITCHBOARD_DEMO_CALLS_EVERY seconds. Configuration (all optional):
 *   PORT (3000), HOST (127.0.0.1), DATABASE_URL (postgres://… for PostgreSQL; default embedded PGlite),
 *   SWITCHBOARD_DATA_DIR (.data/pglite), SWITCHBOARD_<ROLE>_PASSWORD for the seeded users,
 *   SWITCHBOARD_SECURE_COOKIES=1 when served over HTTPS, SWITCHBOARD_DEMO_CALLS_EVERY (20; 0 = off),
 *   SWITCHBOARD_EXAMPLES (1 in the all-in-one, 0 in `api`: publish and bind the example flows),
 *   the API's limits (SWITCHBOARD_MAX_BODY_BYTES, SWITCHBOARD_TRUSTED_ORIGINS, … — designer/server/README.md),
 *   and the runtime's variables (runtime/README.md): RUNTIME_HTTP_PORT (9464), ESL_HOST, ESL_PORT, ESL_PASSWORD, …
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadConfig, startRuntime } from "../runtime/src/index.js";
import { createDatabase } from "../prisma/src/index.js";
import { createApiServices, publishExampleFlows, seedUsers, startHttpServer, startScheduler } from "../designer/server/index.js";
import { apiLimitsFromEnv } from "../designer/server/limits.js";
import { EXAMPLE_NUMBERS } from "../designer/server/seed.js";
import { staticFiles } from "../designer/server/static-files.js";
import { CallReports } from "./call-handling/call-reports.js";
import { queuesOfPublishedFlows } from "./call-handling/flow-queues.js";
import { startCallHandling } from "./call-handling/start-call-handling.js";
import { chooseSwitch } from "./call-handling/switch-choice.js";
import { DEMO_CALLERS } from "./demo/demo-callers.js";
import { DEMO_CALL_PATH, withDemoCallEndpoint } from "./demo/demo-call-endpoint.js";
import { DemoCalls } from "./demo/demo-calls.js";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface ServeOptions {
  /** Where the start-up summary and the per-call lines go (default: stdout). */
  readonly print?: (line: string) => void;
  /** Emulated switch and runtime time run this many times faster (tests). Default 1. */
  readonly timeScale?: number;
}

function demoCallsEvery(env: NodeJS.ProcessEnv): number {
  const value = env.SWITCHBOARD_DEMO_CALLS_EVERY?.trim() || "20";
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`SWITCHBOARD_DEMO_CALLS_EVERY must be seconds (0 = off), got ${JSON.stringify(value)}`);
  return seconds;
}

/** Opens the database (migrating it), seeds the users and, when `examples`, publishes the example flows. */
async function startPlatform(env: NodeJS.ProcessEnv, print: (line: string) => void, examples: boolean) {
  const db = await createDatabase({ url: env.DATABASE_URL ?? "", dataDir: env.SWITCHBOARD_DATA_DIR ?? `${root}.data/pglite` });
  print(`Database: ${db.location}`);
  if (db.migrations.applied.length > 0) print(`Applied migrations: ${db.migrations.applied.join(", ")}`);

  const users = await seedUsers(db.prisma, env);
  const created = users.filter((u) => u.password);
  if (created.length > 0) {
    print("\nUsers created (passwords are shown this once; set SWITCHBOARD_<ROLE>_PASSWORD to choose them):");
    for (const user of created) print(`  ${user.role.padEnd(9)} ${user.email.padEnd(28)} ${user.passwordFrom === "env" ? "(password from env)" : user.password}`);
    print("");
  }

  const services = await createApiServices(db, { secureCookies: env.SWITCHBOARD_SECURE_COOKIES === "1", limits: apiLimitsFromEnv(env) });
  if (examples) {
    for (const result of await publishExampleFlows(services, `${root}flows/examples`)) {
      if (result.problem) print(`Example ${result.file} not published: ${result.problem}`);
      else print(`Example ${result.flowName} v${result.versionNumber}${result.boundTo?.length ? ` bound to ${result.boundTo.join(", ")}` : ""}`);
    }
  }
  return { db, services };
}

/** The designer, the API and the scheduler (scheduled publishing, incident end times) — no call runtime. */
export async function serveApi(env: NodeJS.ProcessEnv = process.env, options: ServeOptions = {}) {
  const print = options.print ?? ((line: string) => console.log(line));
  const { db, services } = await startPlatform(env, print, env.SWITCHBOARD_EXAMPLES === "1");
  const scheduler = startScheduler(services, { log: print });
  const server = await startHttpServer(services, {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "127.0.0.1",
    fallback: staticFiles(`${root}designer/dist`),
  });
  print(`\nSwitchboard designer on ${server.url}/ — API on ${server.url}/trpc (health: ${server.url}/healthz); runtimes run as their own processes (SWITCHBOARD_ROLE=runtime)\n`);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await scheduler.stop();
      await server.close();
      await services.deploymentEvents.close();
      await db.close();
    })());
  return { server, db, services, scheduler, stop };
}

/**
 * The call runtime alone, on the shared database and its deployment bus, serving the FreeSWITCH named by ESL_HOST
 * (runtime/README.md). Migrations, users and examples are the API process's job.
 */
export async function serveRuntime(env: NodeJS.ProcessEnv = process.env, options: ServeOptions = {}) {
  const print = options.print ?? ((line: string) => console.log(line));
  if (!env.ESL_HOST?.trim()) throw new ProcessRoleRefused("SWITCHBOARD_ROLE=runtime needs ESL_HOST: a runtime-only process serves a real FreeSWITCH. The emulated switch runs only in the all-in-one process (SWITCHBOARD_ROLE=all).");
  const runtime = await startRuntime({ config: loadConfig(env) });
  const operations = runtime.httpPort === null ? "off" : `http://${runtime.config.http.host}:${runtime.httpPort}`;
  print(`Runtime (${runtime.config.environment}, switch group ${runtime.config.switchGroup}): FreeSWITCH at ${runtime.config.esl!.host}:${runtime.config.esl!.port}, its socket app reaches ${runtime.config.outbound.host}:${runtime.outboundPort}; metrics ${operations}/metrics, health ${operations}/healthz`);
  return { runtime, stop: () => runtime.close(runtime.config.drainSeconds * 1000) };
}

/** Which parts this process runs (SWITCHBOARD_ROLE). */
export const PROCESS_ROLES = {
  all: "designer + API + scheduler + call runtime, for one machine",
  api: "designer + API + scheduler; no call runtime",
  runtime: "call runtime only; no designer or API",
} as const;
export type ProcessRole = keyof typeof PROCESS_ROLES;

/** A process role that cannot start as configured; the message says what to change. */
export class ProcessRoleRefused extends Error {
  override name = "ProcessRoleRefused";
}

export function processRole(env: NodeJS.ProcessEnv): ProcessRole {
  const value = env.SWITCHBOARD_ROLE?.trim() || "all";
  if (!Object.hasOwn(PROCESS_ROLES, value)) throw new ProcessRoleRefused(`SWITCHBOARD_ROLE must be one of ${Object.keys(PROCESS_ROLES).join(", ")}; got ${JSON.stringify(value)}`);
  return value as ProcessRole;
}

/** Starts what SWITCHBOARD_ROLE says (default: everything in one process) and prints the role first. */
export async function startProcess(env: NodeJS.ProcessEnv = process.env, options: ServeOptions = {}): Promise<{ stop(): Promise<void> }> {
  const print = options.print ?? ((line: string) => console.log(line));
  const role = processRole(env);
  if (role !== "all" && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? "")) {
    throw new ProcessRoleRefused(`SWITCHBOARD_ROLE=${role} shares one PostgreSQL with the other processes: set DATABASE_URL=postgres://… (the embedded database serves a single process: use SWITCHBOARD_ROLE=all for that)`);
  }
  print(`Role: ${role} — ${PROCESS_ROLES[role]} (SWITCHBOARD_ROLE)`);
  switch (role) {
    case "all":
      return serve(env, options);
    case "api":
      return serveApi(env, options);
    case "runtime":
      return serveRuntime(env, options);
    default:
      throw new ProcessRoleRefused(`unknown role ${String(role satisfies never)}`);
  }
}

/** Everything in one process (SWITCHBOARD_ROLE=all, the default): `npm start`. */
export async function serve(env: NodeJS.ProcessEnv = process.env, options: ServeOptions = {}) {
  const print = options.print ?? ((line: string) => console.log(line));
  const demoEvery = demoCallsEvery(env);
  // Before the database is opened (and example flows are published into it): an emulated switch on a shared
  // PostgreSQL database is refused with instructions.
  chooseSwitch(env, /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? "") ? "postgres" : "pglite");
  const { db, services } = await startPlatform(env, print, env.SWITCHBOARD_EXAMPLES !== "0");

  const reports = new CallReports(db.prisma, print);
  const calls = await startCallHandling({
    env,
    database: db,
    deployments: services.deploymentEvents,
    queues: await queuesOfPublishedFlows(db.prisma),
    phones: DEMO_CALLERS.map((caller) => caller.from),
    onCallEnded: reports.callEnded,
    ...(options.timeScale ? { timeScale: options.timeScale } : {}),
  });
  const demo = calls.emulator ? new DemoCalls(calls.emulator, reports, print) : null;
  // Scheduled publishing and incident end times: every API process runs a scheduler; claims keep fires single.
  const scheduler = startScheduler(services, { log: print });

  const server = await startHttpServer(services, {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "127.0.0.1",
    // The designer's production build (designer/dist) on the same port as the API, and the demo-call endpoint.
    fallback: withDemoCallEndpoint(demo, staticFiles(`${root}designer/dist`)),
  });

  const { runtime } = calls;
  const operations = runtime.httpPort === null ? "off" : `http://${runtime.config.http.host}:${runtime.httpPort}`;
  print(`\nSwitchboard designer on ${server.url}/ — API on ${server.url}/trpc (health: ${server.url}/healthz)`);
  print(`Runtime (${runtime.config.environment}): metrics ${operations}/metrics, health ${operations}/healthz`);
  if (calls.emulator) {
    print(`Switch: emulated FreeSWITCH (ESL 127.0.0.1:${calls.emulator.inboundPort}); set ESL_HOST to use a real one`);
    print(`Numbers: ${Object.entries(EXAMPLE_NUMBERS).map(([flow, number]) => `${number} ${flow}`).join(", ")}`);
    print(demoEvery > 0 ? `Demo calls every ${demoEvery} s (SWITCHBOARD_DEMO_CALLS_EVERY=0 turns them off); place one: pnpm demo-call +15550100 2\n` : `Place a demo call: pnpm demo-call +15550100 2 (POST ${server.url}${DEMO_CALL_PATH})\n`);
    demo!.startEvery(demoEvery);
  } else {
    const esl = runtime.config.esl!;
    print(`Switch: FreeSWITCH at ${esl.host}:${esl.port}; its dialplan sends calls to ${runtime.config.outbound.host}:${runtime.outboundPort} (runtime/README.md)\n`);
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      demo?.stop();
      await scheduler.stop();
      await calls.close();
      await server.close();
      await services.deploymentEvents.close();
      await db.close();
    })());
  return { server, db, services, runtime, emulator: calls.emulator, demo, scheduler, stop };
}

/** Stops on SIGINT/SIGTERM (a second signal exits at once). */
export function stopOnSignals(running: { stop(): Promise<void> }): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: shutting down (calls in progress end, the database closes)`);
      for (const again of ["SIGINT", "SIGTERM"] as const) process.once(again, () => process.exit(130));
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("Shutdown failed:", error);
          process.exit(1);
        },
      );
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) stopOnSignals(await startProcess());
