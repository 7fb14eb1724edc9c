import { afterAll, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../designer/server/client.js";
import { startEmulator, type Emulator } from "../esl-emulator/src/index.js";
import { createDatabase } from "../prisma/src/index.js";
import { startProcess } from "./serve.js";

const ADMIN_PASSWORD = "admin password for the live view";

/**
 * Split roles (issue 12): two runtime processes and an API process on one PostgreSQL. Each runtime publishes its own
 * live snapshot; the API merges them into one view; a runtime that stops leaves it.
 */
describe("the live view with an API process and two runtime processes on one PostgreSQL", () => {
  const schema = `live_roles_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.searchParams.set("schema", schema);
  const stops: Array<() => Promise<void>> = [];
  let emulator: Emulator | undefined;
  afterAll(async () => {
    await emulator?.close();
    for (const stop of stops.reverse()) await stop();
    const db = await createDatabase({ url: process.env.TEST_DATABASE_URL! });
    await db.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });

  it("shows both runtimes, the call one of them handles waiting in the switch's queue once, and drops the runtime that stops", async () => {
    const api = (await startProcess(
      { SWITCHBOARD_ROLE: "api", DATABASE_URL: url.toString(), PORT: "0", SWITCHBOARD_EXAMPLES: "1", SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD },
      { print: () => undefined },
    )) as Awaited<ReturnType<typeof startProcess>> & { server: { url: string } };
    stops.push(() => api.stop());
    const outbound = { host: "127.0.0.1", port: 0 };
    // The Support queue example's queue, whose one agent takes a minute to answer: the caller waits.
    emulator = await startEmulator({ outbound, hostname: "fs-shared", queues: { "support@default": { agents: [{ name: "ada", answerAfterSeconds: 60 }] } } });
    type RuntimeProcess = Awaited<ReturnType<typeof startProcess>> & { runtime: { outboundPort: number } };
    const runtimeProcess = async (instance: string) => {
      const started = (await startProcess(
        { SWITCHBOARD_ROLE: "runtime", DATABASE_URL: url.toString(), ESL_HOST: "127.0.0.1", ESL_PORT: String(emulator!.inboundPort), RUNTIME_LISTEN_PORT: "0", RUNTIME_HTTP_PORT: "off", RUNTIME_INSTANCE: instance, LOG_LEVEL: "silent" },
        { print: () => undefined },
      )) as RuntimeProcess;
      return started;
    };
    const a = await runtimeProcess("rt-a");
    stops.push(() => a.stop());
    const b = await runtimeProcess("rt-b");
    let bStopped = false;
    stops.push(async () => {
      if (!bStopped) await b.stop();
    });
    outbound.port = a.runtime.outboundPort;

    const admin = createApiClient(api.server.url);
    await admin.auth.login.mutate({ email: "admin@switchboard.local", password: ADMIN_PASSWORD });
    const call = emulator.placeCall({ destination: "+15550102", callerIdNumber: "+447700900188" });

    await vi.waitFor(
      async () => {
        const view = await admin.analytics.live.query({ environment: "production" });
        expect(view.runtimes.map((runtime) => [runtime.instance, runtime.activeCalls, runtime.switchId])).toEqual([
          ["rt-a", 1, "fs-shared"],
          ["rt-b", 0, "fs-shared"],
        ]);
        expect(view.flows).toEqual([{ environment: "production", address: "+15550102", flowName: "Support queue", calls: 1 }]);
        // Both runtimes read the same switch's queue: one caller, not two.
        expect(view.queues.find((queue) => queue.queue === "support@default")).toMatchObject({ callersWaiting: 1, agentsAvailable: 1 });
        expect(view.totals.callersWaiting).toBe(1);
      },
      { timeout: 20_000, interval: 250 },
    );

    await b.stop();
    bStopped = true;
    const view = await admin.analytics.live.query({ environment: "production" });
    expect(view.runtimes.map((runtime) => runtime.instance)).toEqual(["rt-a"]);
    expect(view.totals).toMatchObject({ callsInFlows: 1, callersWaiting: 1 });

    emulator.killChannel(call.aLegUuid);
    await call.finished;
    await vi.waitFor(async () => expect((await admin.analytics.live.query({ environment: "production" })).totals).toMatchObject({ callsInFlows: 0, callersWaiting: 0 }), { timeout: 10_000, interval: 250 });
  });
});
