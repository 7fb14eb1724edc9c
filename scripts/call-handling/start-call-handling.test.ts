import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../prisma/src/testing.js";
import type { DeploymentFeed } from "../../runtime/src/services/contracts.js";
import { serve } from "../serve.js";
import { startCallHandling, type CallHandling } from "./start-call-handling.js";
import { ALLOW_EMULATED_SWITCH, chooseSwitch, EmulatedSwitchRefused } from "./switch-choice.js";

const noDeployments: DeploymentFeed = { subscribe: () => () => undefined };
const QUIET = { LOG_LEVEL: "silent", RUNTIME_HTTP_PORT: "0", RUNTIME_LISTEN_PORT: "0" };

describe("which switch pnpm start runs calls on", () => {
  it("uses the emulator on the embedded database, in a switch group of its own that real runtimes cannot name", () => {
    expect(chooseSwitch({}, "pglite", "laptop")).toEqual({ kind: "emulated", switchGroup: "emulator:laptop" });
    expect(chooseSwitch({ ESL_HOST: "fs1" }, "postgres", "laptop")).toEqual({ kind: "freeswitch" });
  });

  it("refuses the emulator on PostgreSQL without ESL_HOST, saying how to fix it, unless explicitly allowed", () => {
    const refusal = (() => {
      try {
        chooseSwitch({ DATABASE_URL: "postgres://db.internal/switchboard" }, "postgres", "api-1");
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(EmulatedSwitchRefused);
    const message = (refusal as Error).message;
    expect(message).toMatch(/^Not starting the emulated FreeSWITCH: DATABASE_URL points at a PostgreSQL server and ESL_HOST is not set/);
    expect(message).toContain("ESL_HOST=<freeswitch host>");
    expect(message).toContain("unset DATABASE_URL");
    expect(message).toContain(`${ALLOW_EMULATED_SWITCH}=1`);
    expect(chooseSwitch({ [ALLOW_EMULATED_SWITCH]: "1" }, "postgres", "api-1")).toEqual({ kind: "emulated", switchGroup: "emulator:api-1" });
    expect(() => chooseSwitch({ [ALLOW_EMULATED_SWITCH]: "yes" }, "postgres", "api-1")).toThrow(/SWITCHBOARD_ALLOW_EMULATED_SWITCH must be 1 or unset/);
  });

  it("pnpm start refuses before it opens the database, so no example flow is published into production", async () => {
    // Nothing listens on port 1: had serve() tried to connect (and migrate, seed, publish), the error would be another.
    await expect(serve({ DATABASE_URL: "postgres://switchboard@127.0.0.1:1/production" }, { print: () => undefined })).rejects.toThrow(EmulatedSwitchRefused);
  });
});

describe("call handling on a shared PostgreSQL database (issue 15)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase("postgres");
  });
  afterAll(() => db?.close());

  const options = (env: NodeJS.ProcessEnv) => ({
    env: { ...QUIET, ...env },
    database: db,
    deployments: noDeployments,
    queues: ["support@default"],
    phones: ["+15550111", "+15550222"],
    onCallEnded: () => undefined,
    host: "api-1",
    timeScale: 100,
  });

  it("refuses to start the emulated switch and touches nothing", async () => {
    await db.reset();
    const due = new Date(Date.now() - 60_000);
    await db.prisma.callback.create({ data: { number: "+15550111", queue: "support@default", switchGroup: "default", originalWaitSeconds: 90, requestedAt: due, callerLeftAt: due, nextAttemptAt: due } });
    await expect(startCallHandling(options({}))).rejects.toThrow(EmulatedSwitchRefused);
    expect(await db.prisma.callback.findFirstOrThrow()).toMatchObject({ status: "pending", attempts: 0 });
    expect(await db.prisma.switchGroupDialer.count()).toBe(0);
  });

  it("when allowed, the emulator places only its own group's callbacks: a real caller's waits and is reported", async () => {
    await db.reset();
    const due = new Date(Date.now() - 60_000);
    await db.prisma.callback.create({ data: { number: "+15550111", queue: "support@default", switchGroup: "default", originalWaitSeconds: 90, requestedAt: due, callerLeftAt: due, nextAttemptAt: due } });
    await db.prisma.callback.create({ data: { number: "+15550222", queue: "support@default", switchGroup: "emulator:api-1", originalWaitSeconds: 90, requestedAt: due, callerLeftAt: due, nextAttemptAt: due } });
    let calls: CallHandling | undefined;
    try {
      calls = await startCallHandling(options({ [ALLOW_EMULATED_SWITCH]: "1" }));
      await expect.poll(() => db.prisma.callback.findFirst({ where: { switchGroup: "emulator:api-1" } }).then((row) => row?.status), { timeout: 15_000 }).toBe("completed");
      expect(calls.emulator!.originations.map((o) => o.dialString)).toEqual([expect.stringContaining("+15550222")]);
      expect(await db.prisma.callback.findFirstOrThrow({ where: { switchGroup: "default" } })).toMatchObject({ status: "pending", attempts: 0 });
      const healthz = `http://127.0.0.1:${calls.runtime.httpPort}/healthz`;
      await expect
        .poll(async () => ((await fetch(healthz).then((r) => r.json())) as { callbacks: unknown }).callbacks, { timeout: 15_000 })
        .toMatchObject({
          switchGroup: "emulator:api-1",
          dialing: true,
          groups: expect.arrayContaining([expect.objectContaining({ switchGroup: "default", pending: 1, liveDialers: 0, dialedHere: false, problem: 'no live dialer for switch group "default"; 1 callback waiting' })]),
        });
    } finally {
      await calls?.close();
    }
  });
});
