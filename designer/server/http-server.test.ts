import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { inProcessDeploymentEvents, type PrismaClient } from "@switchboard/db";
import { startHttpServer, type RunningServer } from "./http-server.js";
import { DEFAULT_API_LIMITS, type ApiLimits } from "./limits.js";
import type { ApiServices } from "./trpc.js";

// These requests never reach the database: any use of it fails, as a broken database would.
function servicesWith(limits: Partial<ApiLimits> = {}): ApiServices {
  return {
    prisma: {} as PrismaClient,
    deploymentEvents: inProcessDeploymentEvents(),
    now: () => new Date(),
    secureCookies: false,
    limits: { ...DEFAULT_API_LIMITS, ...limits },
  };
}

/** What a raw HTTP/1.1 client saw: how many body bytes it got to send, and the server's answer. */
async function sendRawBody(url: string, options: { headers: string[]; totalBytes: number; chunkBytes: number }) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  let answer = "";
  let closed = false;
  socket.on("data", (chunk) => (answer += chunk.toString()));
  socket.on("error", () => undefined);
  const closedPromise = new Promise<void>((resolve) => socket.once("close", () => ((closed = true), resolve())));
  socket.write(`POST /trpc/auth.login HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${options.headers.join("\r\n")}\r\n\r\n`);
  const data = Buffer.alloc(options.chunkBytes, "[");
  const chunked = options.headers.some((h) => /^transfer-encoding: chunked$/i.test(h));
  const chunk = chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]) : data;
  let sent = 0;
  const deadline = Date.now() + 20_000;
  while (sent < options.totalBytes && !closed && Date.now() < deadline) {
    const flushed = socket.write(chunk);
    sent += chunk.length;
    if (!flushed) await Promise.race([new Promise((resolve) => socket.once("drain", resolve)), closedPromise, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
  await Promise.race([closedPromise, new Promise((resolve) => setTimeout(resolve, 5000))]);
  socket.destroy();
  return { sent, closed, answer };
}

describe("HTTP server", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("answers the health check and says where the API is for unknown paths", async () => {
    running = await startHttpServer(servicesWith(), { port: 0 });
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ ok: true });
    const missing = await fetch(`${running.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("Not found: /nowhere. The API is under /trpc/");
  });

  it("hands every other path to the designer's handler when one is given", async () => {
    running = await startHttpServer(servicesWith(), { port: 0, fallback: (req, res) => res.end(`designer page ${req.url}`) });
    expect(await (await fetch(`${running.url}/flows/main`)).text()).toBe("designer page /flows/main");
    expect((await fetch(`${running.url}/trpc/nope.nothing`)).status).toBe(404);
  });
});

describe("request body limit", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("refuses a declared Content-Length over the limit with 413 and a message naming the limit, before reading it", async () => {
    running = await startHttpServer(servicesWith({ maxBodyBytes: 1024 * 1024 }), { port: 0 });
    const seen = await sendRawBody(running.url, {
      headers: ["Content-Type: application/json", `Content-Length: ${200 * 1024 * 1024}`],
      totalBytes: 200 * 1024 * 1024,
      chunkBytes: 64 * 1024,
    });
    expect(seen.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(seen.answer).toContain("Request body is larger than 1 MiB, the most this server accepts (SWITCHBOARD_MAX_BODY_BYTES)");
    expect(seen.answer).toContain('"code":"PAYLOAD_TOO_LARGE"');
    // The server closed the connection: the client could not push the 200 MB (kernel buffers take a few MB at most).
    expect(seen.closed).toBe(true);
    expect(seen.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it("stops reading a chunked body at the first byte over the limit and closes the connection", async () => {
    running = await startHttpServer(servicesWith({ maxBodyBytes: 1024 * 1024 }), { port: 0 });
    const seen = await sendRawBody(running.url, {
      headers: ["Content-Type: application/json", "Transfer-Encoding: chunked"],
      totalBytes: 200 * 1024 * 1024,
      chunkBytes: 64 * 1024,
    });
    expect(seen.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(seen.answer).toContain("larger than 1 MiB");
    expect(seen.closed).toBe(true);
    expect(seen.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it("serves the health check at once while a huge body is being refused", async () => {
    running = await startHttpServer(servicesWith({ maxBodyBytes: 1024 * 1024 }), { port: 0 });
    const refused = fetch(`${running.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([new Uint8Array(50 * 1024 * 1024)]),
    }).then(
      (response) => response.status,
      () => "connection closed",
    );
    const started = Date.now();
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect([413, "connection closed"]).toContain(await refused);
  });
});

describe("cross-site requests", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const logout = (url: string, headers: Record<string, string>) =>
    fetch(`${url}/trpc/auth.logout`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" });

  it("refuses a mutation from another site with 403 and says how to trust an origin", async () => {
    running = await startHttpServer(servicesWith(), { port: 0 });
    const response = await logout(running.url, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.error.message).toBe(
      "Cross-site request refused: changes must come from this server's own pages, not from https://evil.example. If that origin is yours, add it to SWITCHBOARD_TRUSTED_ORIGINS.",
    );
    expect(body.error.data.code).toBe("FORBIDDEN");
  });

  it("refuses a cross-site multipart form post (no preflight) and an Origin of another host without Sec-Fetch-Site", async () => {
    running = await startHttpServer(servicesWith(), { port: 0 });
    const form = new FormData();
    form.set("x", "y");
    const multipart = await fetch(`${running.url}/trpc/auth.logout`, { method: "POST", headers: { origin: "http://attacker.test" }, body: form });
    expect(multipart.status).toBe(403);
    expect((await logout(running.url, { origin: "null" })).status).toBe(403);
    expect((await logout(running.url, { "sec-fetch-site": "same-site", origin: "http://sub.127.0.0.1" })).status).toBe(403);
  });

  it("lets the server's own pages, trusted origins and non-browser clients (no Origin, no Sec-Fetch-Site) through", async () => {
    running = await startHttpServer(servicesWith({ trustedOrigins: ["https://designer.example.com"] }), { port: 0 });
    const host = new URL(running.url).host;
    expect((await logout(running.url, { origin: `http://${host}` })).status).toBe(200);
    expect((await logout(running.url, { origin: `http://${host}`, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await logout(running.url, { "sec-fetch-site": "none" })).status).toBe(200);
    expect((await logout(running.url, {})).status).toBe(200);
    expect((await logout(running.url, { origin: "https://designer.example.com", "sec-fetch-site": "cross-site" })).status).toBe(200);
  });

  it("lets cross-site reads (GET queries) through: they change nothing and the cookie is SameSite=Strict", async () => {
    running = await startHttpServer(servicesWith(), { port: 0 });
    const response = await fetch(`${running.url}/trpc/auth.me`, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(response.status).toBe(200);
  });
});

describe("unexpected errors", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    vi.restoreAllMocks();
  });

  it("answer 500 with a generic message and a reference, and log the detail under that reference", async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    running = await startHttpServer(servicesWith(), { port: 0 });
    // The session lookup fails (no database here), as it would with the database down.
    const response = await fetch(`${running.url}/trpc/auth.me`, { headers: { cookie: "sb_session=abc" } });
    expect(response.status).toBe(500);
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body.error.message).toMatch(/^Something went wrong on the server \(reference [0-9a-f]{12}\)/);
    expect(text).not.toMatch(/\.ts:|\/work\/|node_modules|\bat \S|TypeError|findUnique|stack/);
    const reference = body.error.data.reference as string;
    expect(body.error.message).toContain(reference);
    expect(logged.some((args) => String(args[0]).includes(reference) && args.some((a) => a instanceof Error))).toBe(true);
  });
});
