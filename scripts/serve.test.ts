import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../designer/server/client.js";
import { demoCall } from "./demo-call.js";
import { serve } from "./serve.js";

const MAIN_MENU = "+15550100";
const ADMIN_PASSWORD = "admin password for the serve test";

describe("serve: the whole product in one process on an emulated FreeSWITCH", () => {
  let running: Awaited<ReturnType<typeof serve>>;
  let dataDir: string;
  const printed: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "switchboard-serve-"));
    const env = { SWITCHBOARD_DATA_DIR: dataDir, PORT: "0", RUNTIME_HTTP_PORT: "0", SWITCHBOARD_DEMO_CALLS_EVERY: "0", SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: "error" };
    // Emulated switch and runtime at 20× so a call through the menu and the queue takes about a second.
    running = await serve(env, { timeScale: 20, print: (line) => printed.push(line) });
  });

  afterAll(async () => {
    await running?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const placeCall = async (to: string, ...digits: string[]) => {
    const out: string[] = [];
    expect(await demoCall([to, ...digits], { SWITCHBOARD_URL: running.server.url }, (line) => out.push(line))).toBe(0);
    const record = await running.db.prisma.callRecord.findFirstOrThrow({ where: { address: to }, orderBy: { startedAt: "desc" }, include: { visits: true } });
    return { line: out[0]!, record };
  };

  it("answers a call to the main-menu number with the published example, and records it", async () => {
    expect(printed).toContain(`Numbers: ${MAIN_MENU} Main menu, +15550101 Holiday hours, +15550102 Support queue, +15550103 VIP route`);
    const { line, record } = await placeCall(MAIN_MENU, "2");
    expect(record).toMatchObject({ flowName: "Main menu", environment: "production", callerNumber: "+447700900100" });
    expect(record.outcome).toBeTruthy();
    expect(record.endedAt).not.toBeNull();
    expect(record.visits.length).toBeGreaterThan(1);
    expect(line).toMatch(new RegExp(`^\\${MAIN_MENU} → Main menu v1: ${record.outcome} — start › hours`));
    expect(printed).toContain(line);

    const metrics = await (await fetch(`http://127.0.0.1:${running.runtime.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_calls_started_total\{environment="production"\} 1/);
    expect(await (await fetch(`http://127.0.0.1:${running.runtime.httpPort}/healthz`)).json()).toMatchObject({ status: "ok", esl: { state: "ready" } });
  });

  it("runs a version published and activated through the API from the next call on (hot swap over the platform's bus)", async () => {
    const admin = createApiClient(running.server.url);
    await admin.auth.login.mutate({ email: "admin@switchboard.local", password: ADMIN_PASSWORD });
    const examples = fileURLToPath(new URL("../flows/examples/main-menu.json", import.meta.url));
    const document = JSON.parse(await readFile(examples, "utf8")) as { nodes: Array<{ id: string; data: { prompt?: { text: Record<string, string> } } }> };
    document.nodes.find((node) => node.id === "welcome")!.data.prompt!.text.en = "Thank you for calling Acme. This is version two.";
    const [imported] = await admin.flows.import.mutate({ documents: [document] });
    const { version } = await admin.flows.publish.mutate({ flowId: imported!.flowId, message: "new welcome" });
    expect(version.number).toBe(2);
    await admin.deployments.activate.mutate({ address: MAIN_MENU, environment: "production", versionNumber: 2, reason: "serve test" });
    await vi.waitFor(() => expect(running.runtime.registry.lookup(MAIN_MENU)?.versionNumber).toBe(2));

    const { line, record } = await placeCall(MAIN_MENU, "2");
    const v2 = await running.db.prisma.flowVersion.findFirstOrThrow({ where: { flowId: imported!.flowId, number: 2 } });
    expect(record.versionId).toBe(v2.id);
    expect(line).toMatch(new RegExp(`^\\${MAIN_MENU} → Main menu v2: `));
  });

  it("refuses demo calls that are not JSON, and reports a number with no flow as the runtime's fallback", async () => {
    const url = `${running.server.url}/demo/calls`;
    expect((await fetch(url, { method: "POST", body: '{"to":"+15550100"}' })).status).toBe(415);
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: "+15559999" }) });
    expect(await response.json()).toMatchObject({ line: "+15559999 → no flow: fallback (fallback: noBinding)" });
  });
});
