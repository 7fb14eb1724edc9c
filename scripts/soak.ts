/**
 * `pnpm soak`: a bounded soak and abuse run against Switchboard started the way `npm start` starts it (one
 * process, embedded database, emulated FreeSWITCH), all on 127.0.0.1. For SOAK_SECONDS (default 60) it places
 * calls continuously through the emulated switch while abusing the API and the runtime at once: oversized bodies
 * (declared and chunked), deeply nested JSON, NUL and lone surrogates, bad passwords from several loopback
 * addresses, cross-site POSTs, 500 silent ESL connections to the runtime's outbound port and the publish of a
 * 5,000-node flow. It checks that the process stays up, both /healthz answer within 1 s throughout, every call
 * ends as expected, memory stays bounded, nothing is half-saved and every abuse gets its 4xx; it prints
 * `N passed, N failed` and exits 1 on any failure. Not part of `npm test` (it takes a minute and loads the machine).
 *
 * Internally the same file is the server process: `soak.ts --server` runs `serve()` and prints its ports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createApiClient } from "../designer/server/client.js";
import { largeFlow } from "../flows/bench/generate.js";
import { createDatabase } from "../prisma/src/index.js";

const ADMIN_EMAIL = "admin@switchboard.local";
const ADMIN_PASSWORD = "soak admin password";
const CALL_TO = "+15550100";
const READY = "SOAK_READY ";
/** Emulated switch and runtime speed-up, so a call through the menu takes about a second. */
const TIME_SCALE = 20;
const RSS_BOUND_BYTES = 300 * 1024 * 1024;

interface Ports {
  readonly api: string;
  readonly runtimeHttp: number;
  readonly outbound: number;
}

async function runServer(): Promise<void> {
  const { serve, stopOnSignals } = await import("./serve.js");
  const running = await serve(process.env, { timeScale: TIME_SCALE, print: () => {} });
  stopOnSignals(running);
  const ports: Ports = { api: running.server.url, runtimeHttp: running.runtime.httpPort!, outbound: running.runtime.outboundPort! };
  console.log(READY + JSON.stringify(ports));
}

// ---------------------------------------------------------------- checks

const results: Array<{ name: string; ok: boolean; detail: string }> = [];
function check(name: string, ok: boolean, detail = ""): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}

interface RawAnswer {
  readonly status: number;
  readonly body: string;
}

/** One HTTP request over its own connection, from `localAddress`; a body given as chunks is sent chunked. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; chunks?: { size: number; count: number }; localAddress?: string; refusedMidBody?: boolean }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "POST", headers: options.headers ?? {}, agent: false, ...(options.localAddress ? { localAddress: options.localAddress } : {}) }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (body.length < 64_000) body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.setTimeout(20_000, () => req.destroy(new Error("no answer in 20 s")));
    let answered = false;
    req.on("response", () => (answered = true));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return;
      // The server refused mid-body and closed the connection before this side read its 413 (an HTTP race).
      if (options.refusedMidBody && (error.code === "EPIPE" || error.code === "ECONNRESET")) resolve({ status: 0, body: `connection closed mid-body (${error.code})` });
      else reject(error);
    });
    if (options.chunks) {
      const chunk = Buffer.alloc(options.chunks.size, 0x20);
      let sent = 0;
      const pump = () => {
        while (!answered && !req.destroyed && sent < options.chunks!.count) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!req.destroyed) req.end();
      };
      pump();
    } else if (options.body !== undefined) {
      const declared = options.headers?.["content-length"];
      // A declared length larger than the body: send only the start and wait for the refusal.
      if (declared && Number(declared) > Buffer.byteLength(options.body)) req.write(options.body);
      else req.end(options.body);
    } else req.end();
  });
}

// ---------------------------------------------------------------- the run

async function main(): Promise<number> {
  const seconds = Number(process.env.SOAK_SECONDS ?? "60");
  if (!Number.isFinite(seconds) || seconds < 10 || seconds > 3600) throw new Error(`SOAK_SECONDS must be 10…3600 seconds, got ${process.env.SOAK_SECONDS}`);
  const dataDir = await mkdtemp(join(tmpdir(), "switchboard-soak-"));
  const env = { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0", HOST: "127.0.0.1", RUNTIME_HTTP_PORT: "0", SWITCHBOARD_DEMO_CALLS_EVERY: "0", SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: "error", ESL_HOST: "" };
  const self = fileURLToPath(import.meta.url);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", self, "--server"], { env, stdio: ["ignore", "pipe", "inherit"] });
  let exited: string | null = null;
  child.on("exit", (code, signal) => (exited = `exit code ${code}, signal ${signal}`));
  try {
    const ports = await new Promise<Ports>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on("line", (line) => (line.startsWith(READY) ? resolve(JSON.parse(line.slice(READY.length)) as Ports) : console.log(`server: ${line}`)));
      child.once("exit", () => reject(new Error("the server exited before it was ready")));
      setTimeout(() => reject(new Error("the server was not ready within 120 s")), 120_000).unref();
    });
    const pid = child.pid!;
    console.log(`Switchboard (pid ${pid}) on ${ports.api}; runtime health on 127.0.0.1:${ports.runtimeHttp}, outbound ESL on 127.0.0.1:${ports.outbound}; soaking for ${seconds} s`);
    return await soak(ports, pid, seconds, dataDir, () => exited, child);
  } finally {
    if (exited === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function soak(ports: Ports, pid: number, seconds: number, dataDir: string, exited: () => string | null, child: ChildProcess): Promise<number> {
  const api = ports.api;
  const cookies = new Map<string, string>();
  const admin = createApiClient(api, cookies);
  await admin.auth.login.mutate({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");

  // A draft that every refused request aims at: it must be unchanged at the end.
  const target = await admin.flows.create.mutate({ name: "Soak target", description: "drafts refused requests aim at" });
  const before = await admin.flows.get.query({ flowId: target.id });
  // The 5,000-node flow to publish during the soak; its sub-flow nodes call "Identify caller", published first.
  const [subflow] = await admin.flows.import.mutate({ documents: [{ ...largeFlow(2), name: "Identify caller" }] });
  await admin.flows.publish.mutate({ flowId: subflow!.flowId, message: "soak" });
  const big = largeFlow(5000);
  const [imported] = await admin.flows.import.mutate({ documents: [{ ...big, name: "Soak 5000 nodes" }] });

  const placeCall = async () => {
    const response = await fetch(`${api}/demo/calls`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: CALL_TO, digits: ["2"] }) });
    const body = (await response.json()) as { report?: { outcome: string; callId: string }; error?: string };
    if (response.status !== 200 || !body.report) throw new Error(`demo call answered ${response.status}: ${body.error ?? ""}`);
    return body.report;
  };
  const expectedOutcome = (await placeCall()).outcome;
  console.log(`A call to ${CALL_TO} pressing 2 ends as "${expectedOutcome}"; every call in the soak must.`);

  const rssStart = await rssOf(pid);
  let rssPeak = rssStart;
  const deadline = Date.now() + seconds * 1000;
  const running = () => Date.now() < deadline && exited() === null;

  // Health: both /healthz every 100 ms, 1 s time-out each; the longest time without an answer from each.
  const health = { api: { longest: 0, failures: 0, polls: 0 }, runtime: { longest: 0, failures: 0, polls: 0 } };
  const pollHealth = async (which: "api" | "runtime", url: string) => {
    let last = Date.now();
    while (running()) {
      const h = health[which];
      h.polls++;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
        await response.text();
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        h.longest = Math.max(h.longest, Date.now() - last);
        last = Date.now();
      } catch {
        h.failures++;
      }
      await sleep(100);
    }
    health[which].longest = Math.max(health[which].longest, Date.now() - last - 100);
  };
  const pollRss = async () => {
    while (running()) {
      rssPeak = Math.max(rssPeak, await rssOf(pid).catch(() => 0));
      await sleep(250);
    }
  };

  // Calls: two callers at a time, one after another, for the whole soak (bounded by the deadline).
  const calls = { placed: 1, ok: 1, failed: [] as string[] };
  const caller = async () => {
    while (running()) {
      calls.placed++;
      try {
        const report = await placeCall();
        if (report.outcome === expectedOutcome) calls.ok++;
        else calls.failed.push(`${report.callId}: ${report.outcome}`);
      } catch (error) {
        calls.failed.push(String(error));
      }
    }
  };

  // 500 silent ESL connections to the runtime's outbound port: the runtime must close them (handshake time-out or
  // connection cap) without the calls noticing.
  const silent: Socket[] = [];
  let silentClosed = 0;
  const openSilent = async () => {
    for (let i = 0; i < 500 && running(); i++) {
      const socket = connect({ host: "127.0.0.1", port: ports.outbound });
      socket.on("error", () => {});
      socket.resume(); // read (and drop) the runtime's `connect`, so its close is seen
      socket.on("close", () => silentClosed++);
      silent.push(socket);
      if (i % 50 === 49) await sleep(20);
    }
  };

  // Abuse: each kind in turn, one request at a time, until the deadline; every answer must be the expected 4xx.
  const saveDraftUrl = `${api}/trpc/flows.saveDraft`;
  const signedIn = () => ({ "content-type": "application/json", cookie: cookieHeader() });
  const validSave = JSON.stringify({ flowId: target.id, baseRevision: before.draftRevision, document: { ...before.draft, name: "Soak target" } });
  let deep = "";
  for (let i = 0; i < 100_000; i++) deep += "[";
  for (let i = 0; i < 100_000; i++) deep += "]";
  const abuses: Array<{ name: string; expect: number[]; mustSee?: number[]; send: (round: number) => Promise<RawAnswer> }> = [
    { name: "declared oversized body (20 MB Content-Length)", expect: [413], send: () => raw(saveDraftUrl, { headers: { ...signedIn(), "content-length": String(20 * 1024 * 1024) }, body: "{" }) },
    // 0 = the connection was closed mid-body before the 413 could be read (the server stops reading at the limit).
    { name: "chunked oversized body (12 MB streamed)", expect: [413, 0], send: () => raw(saveDraftUrl, { headers: { ...signedIn(), "transfer-encoding": "chunked" }, chunks: { size: 1024 * 1024, count: 12 }, refusedMidBody: true }) },
    { name: "JSON nested 100,000 deep", expect: [400], send: () => raw(saveDraftUrl, { headers: signedIn(), body: `{"flowId":"${target.id}","baseRevision":${before.draftRevision},"document":${deep}}` }) },
    { name: "NUL in a draft's text", expect: [400], send: () => raw(saveDraftUrl, { headers: signedIn(), body: validSave.replace('"Soak target"', '"Soak\\u0000target"') }) },
    { name: "lone surrogate in a draft's text", expect: [400], send: () => raw(saveDraftUrl, { headers: signedIn(), body: validSave.replace('"Soak target"', '"Soak\\ud800target"') }) },
    {
      name: "bad password from 127.0.0.2–6",
      expect: [401, 429],
      // Throttling must begin: after 5 failures of one account from one address the next waits.
      mustSee: [401, 429],
      send: (round) => raw(`${api}/trpc/auth.login`, { headers: { "content-type": "application/json" }, body: JSON.stringify({ email: ADMIN_EMAIL, password: `guess ${round}` }), localAddress: `127.0.0.${2 + (round % 5)}` }),
    },
    { name: "cross-site POST (Origin evil.example, Sec-Fetch-Site cross-site)", expect: [403], send: () => raw(saveDraftUrl, { headers: { ...signedIn(), origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: validSave }) },
    { name: "cross-site POST (Origin only)", expect: [403], send: () => raw(saveDraftUrl, { headers: { ...signedIn(), origin: "https://evil.example" }, body: validSave }) },
  ];
  const abuseCounts = abuses.map((abuse) => ({ expectEvery: abuse.mustSee ?? [], sent: 0, closedMidBody: 0, statuses: new Map<number, number>(), wrong: [] as string[] }));
  const abuser = async () => {
    for (let round = 0; running() && round < 100_000; round++) {
      const i = round % abuses.length;
      const abuse = abuses[i]!;
      abuseCounts[i]!.sent++;
      try {
        const answer = await abuse.send(Math.floor(round / abuses.length));
        const statuses = abuseCounts[i]!.statuses;
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 0 && abuse.expect.includes(0)) abuseCounts[i]!.closedMidBody++;
        if (!abuse.expect.includes(answer.status)) abuseCounts[i]!.wrong.push(`${answer.status} ${answer.body.slice(0, 200)}`);
        else if (/stack|at \w+ \(|node_modules/.test(answer.body)) abuseCounts[i]!.wrong.push(`internals in the answer: ${answer.body.slice(0, 200)}`);
      } catch (error) {
        abuseCounts[i]!.wrong.push(String(error));
      }
    }
  };

  // The 5,000-node publish, a third of the way in.
  const publish: { outcome: { number: number; ms: number } | string } = { outcome: "not attempted" };
  const publishBig = async () => {
    await sleep((seconds * 1000) / 3);
    if (!running()) return;
    const t0 = Date.now();
    try {
      const { version } = await admin.flows.publish.mutate({ flowId: imported!.flowId, message: "soak" });
      publish.outcome = { number: version.number, ms: Date.now() - t0 };
    } catch (error) {
      publish.outcome = String(error);
    }
  };

  await Promise.all([pollHealth("api", `${api}/healthz`), pollHealth("runtime", `http://127.0.0.1:${ports.runtimeHttp}/healthz`), pollRss(), caller(), caller(), openSilent(), abuser(), abuser(), publishBig()]);
  const closedByRuntime = silentClosed; // before this side closes the rest
  for (const socket of silent) socket.destroy();

  check("the server process stayed up", exited() === null, exited() ?? `pid ${pid}`);
  for (const which of ["api", "runtime"] as const) {
    const h = health[which];
    check(`${which} /healthz answered within 1 s throughout`, h.failures === 0 && h.longest <= 1100, `${h.polls} polls, ${h.failures} failed, longest gap ${h.longest} ms`);
  }
  check(`every call ended "${expectedOutcome}"`, calls.failed.length === 0 && calls.ok >= 2, `${calls.ok} of ${calls.placed} calls${calls.failed.length ? `; ${calls.failed.slice(0, 3).join("; ")}` : ""}`);
  const metrics = await (await fetch(`http://127.0.0.1:${ports.runtimeHttp}/metrics`)).text().catch(() => "");
  const timedOut = Number(/switchboard_esl_connections_closed_total\{reason="handshakeTimeout"\} (\d+)/.exec(metrics)?.[1] ?? 0);
  // The runtime closes a silent connection after ESL_HANDSHAKE_TIMEOUT_MS (5 s by default); all were open by 1 s.
  check(
    "500 silent ESL connections were closed by the runtime's handshake time-out",
    silent.length === 500 && closedByRuntime === 500 && timedOut >= 500,
    `${silent.length} opened, ${closedByRuntime} closed by the runtime before the end, metric handshakeTimeout ${timedOut}`,
  );
  abuses.forEach((abuse, i) => {
    const c = abuseCounts[i]!;
    const closed = c.closedMidBody ? `, ${c.closedMidBody} closed mid-body before the 413 was read` : "";
    const seen = [...c.statuses].map(([status, n]) => `${n}× ${status}`).join(", ");
    check(`${abuse.name} → ${abuse.expect.join("/")}`, c.sent > 0 && c.wrong.length === 0 && c.expectEvery.every((status) => c.statuses.has(status)), `${c.sent} sent (${seen})${closed}${c.wrong.length ? `, ${c.wrong.length} wrong: ${c.wrong.slice(0, 2).join(" | ")}` : ""}`);
  });
  const published = publish.outcome;
  check("the 5,000-node flow was published during the abuse", typeof published === "object", typeof published === "object" ? `v${published.number} in ${published.ms} ms` : published);

  // Memory after a quiet GC window.
  await sleep(5000);
  const rssEnd = await rssOf(pid).catch(() => 0);
  check("RSS bounded (end ≤ start + 300 MB after a 5 s quiet window)", rssEnd > 0 && rssEnd <= rssStart + RSS_BOUND_BYTES, `start ${mb(rssStart)}, peak ${mb(rssPeak)}, end ${mb(rssEnd)}`);
  const fresh = createApiClient(api);
  const signedInAgain = await fresh.auth.login.mutate({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).then(() => "signed in", (error: unknown) => String(error));
  check("the admin still signs in from 127.0.0.1 (throttling kept to the guessing addresses)", signedInAgain === "signed in", signedInAgain);
  const after = await admin.flows.get.query({ flowId: target.id });
  check("the draft aimed at by refused requests is unchanged", after.draftRevision === before.draftRevision && JSON.stringify(after.draft) === JSON.stringify(before.draft), `revision ${before.draftRevision} → ${after.draftRevision}`);

  // Stop the server and read its database: nothing half-saved, every call recorded as it ended.
  child.kill("SIGTERM");
  await new Promise((resolve) => (exited() === null ? child.once("exit", resolve) : resolve(null)));
  const db = await createDatabase({ url: "", dataDir });
  try {
    const versions = await db.prisma.flowVersion.findMany({ select: { number: true, document: true, compiled: true, flow: { select: { name: true, latestVersionNumber: true } } } });
    const halfSaved = versions.filter((v) => !v.document || !Array.isArray((v.document as { nodes?: unknown }).nodes) || !v.compiled);
    check("no flow_versions row without its document and compiled flow", halfSaved.length === 0, `${versions.length} versions, ${halfSaved.length} half-saved`);
    const bigVersions = versions.filter((v) => v.flow.name === "Soak 5000 nodes");
    check("the 5,000-node version is stored whole", bigVersions.length === 1 && (bigVersions[0]!.document as { nodes: unknown[] }).nodes.length === big.nodes.length, `${bigVersions.length} version(s)`);
    const records = await db.prisma.callRecord.findMany({ where: { address: CALL_TO }, select: { outcome: true, endedAt: true } });
    const unexpected = records.filter((r) => r.outcome !== expectedOutcome || r.endedAt === null);
    check("call_records: one ended record with the expected outcome per placed call", records.length === calls.placed && unexpected.length === 0, `${records.length} records for ${calls.placed} calls, ${unexpected.length} unexpected`);
  } finally {
    await db.close();
  }

  const failed = results.filter((r) => !r.ok).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (process.argv.includes("--server")) await runServer();
else {
  const code = await main().catch((error: unknown) => {
    console.error("soak failed to run:", error);
    return 1;
  });
  process.exit(code);
}
