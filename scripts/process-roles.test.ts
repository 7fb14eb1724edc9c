import { startEmulator, type Emulator } from "../esl-emulator/src/index.js";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../prisma/src/index.js";
import { processRole, ProcessRoleRefused, startProcess } from "./serve.js";

const quiet = { print: () => undefined };

describe("process roles (SWITCHBOARD_ROLE)", () => {
  it("defaults to everything in one process and refuses a role it does not know, naming the variable", () => {
    expect(processRole({})).toBe("all");
    expect(processRole({ SWITCHBOARD_ROLE: " api " })).toBe("api");
    expect(() => processRole({ SWITCHBOARD_ROLE: "worker" })).toThrow(/SWITCHBOARD_ROLE must be one of all, api, runtime; got "worker"/);
  });

  it("refuses a split role on the embedded database, and a runtime with no switch", async () => {
    await expect(startProcess({ SWITCHBOARD_ROLE: "api" }, quiet)).rejects.toThrow(ProcessRoleRefused);
    await expect(startProcess({ SWITCHBOARD_ROLE: "runtime" }, quiet)).rejects.toThrow(/DATABASE_URL=postgres/);
    await expect(startProcess({ SWITCHBOARD_ROLE: "runtime", DATABASE_URL: "postgres://nobody@127.0.0.1:1/x" }, quiet)).rejects.toThrow(/SWITCHBOARD_ROLE=runtime needs ESL_HOST/);
  });
});

describe("an API process and a runtime process on one PostgreSQL", () => {
  const schema = `roles_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.searchParams.set("schema", schema);
  const stops: Array<() => Promise<void>> = [];
  let emulator: Emulator | undefined;
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await emulator?.close();
    const db = await createDatabase({ url: process.env.TEST_DATABASE_URL! });
    await db.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });

  it("each prints its role and runs only its part; a call reaches the runtime and is recorded where the API reads it", async () => {
    const apiPrinted: string[] = [];
    const api = await startProcess(
      { SWITCHBOARD_ROLE: "api", DATABASE_URL: url.toString(), PORT: "0", SWITCHBOARD_EXAMPLES: "1", SWITCHBOARD_ADMIN_PASSWORD: "admin password for roles" },
      { print: (line) => apiPrinted.push(line) },
    );
    stops.push(() => api.stop());
    expect(apiPrinted[0]).toBe("Role: api — designer + API + scheduler; no call runtime (SWITCHBOARD_ROLE)");
    expect(apiPrinted.some((line) => /^Runtime|^Switch:/.test(line))).toBe(false);

    const outbound = { host: "127.0.0.1", port: 0 };
    emulator = await startEmulator({ outbound, timeScale: 50 });
    const runtimePrinted: string[] = [];
    const runtime = (await startProcess(
      { SWITCHBOARD_ROLE: "runtime", DATABASE_URL: url.toString(), ESL_HOST: "127.0.0.1", ESL_PORT: String(emulator.inboundPort), RUNTIME_LISTEN_PORT: "0", RUNTIME_HTTP_PORT: "off", LOG_LEVEL: "silent" },
      { print: (line) => runtimePrinted.push(line) },
    )) as Awaited<ReturnType<typeof startProcess>> & { runtime: { outboundPort: number; registry: { lookup(address: string): unknown } } };
    stops.push(() => runtime.stop());
    expect(runtimePrinted[0]).toBe("Role: runtime — call runtime only; no designer or API (SWITCHBOARD_ROLE)");
    expect(runtimePrinted[1]).toMatch(/^Runtime \(production, switch group .+\): FreeSWITCH at 127\.0\.0\.1:\d+/);
    outbound.port = runtime.runtime.outboundPort;
    expect(runtime.runtime.registry.lookup("+15550100")).toBeTruthy();

    const call = emulator.placeCall({ destination: "+15550100", callerIdNumber: "+447700900177", script: { dtmf: [] } });
    await call.finished;
    const db = await createDatabase({ url: url.toString() });
    try {
      await expect.poll(async () => (await db.prisma.callRecord.findFirst({ where: { callerNumber: "+447700900177" } }))?.endedAt ?? null, { timeout: 10_000 }).not.toBeNull();
      expect((await db.prisma.callRecord.findFirstOrThrow({ where: { callerNumber: "+447700900177" } })).flowName).toBe("Main menu");
    } finally {
      await db.close();
    }
  });
});
