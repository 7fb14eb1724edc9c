import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "./static-files.js";

describe("designer pages served by the API's HTTP server", () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sb-static-"));
    mkdirSync(join(dir, "dist", "assets"), { recursive: true });
    writeFileSync(join(dir, "dist", "index.html"), "<!doctype html><div id=root></div>");
    writeFileSync(join(dir, "dist", "assets", "main-abc.js"), "console.log(1)");
    writeFileSync(join(dir, "secret.txt"), "outside the build");
    server = createServer(staticFiles(join(dir, "dist")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves built files with their type, hashed assets cached for good", async () => {
    const response = await fetch(`${base}/assets/main-abc.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("cache-control")).toMatch(/immutable/);
    expect(await response.text()).toBe("console.log(1)");
  });

  it("answers app routes such as /flows/<id> with index.html, never cached", async () => {
    const response = await fetch(`${base}/flows/123/versions/2`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain('id=root');
  });

  it("404s a missing asset instead of answering it with the page", async () => {
    expect((await fetch(`${base}/assets/gone-123.js`)).status).toBe(404);
  });

  it("never serves files outside the build folder", async () => {
    const response = await fetch(`${base}/..%2Fsecret.txt`);
    expect(await response.text()).not.toContain("outside the build");
  });

  it("says how to build the designer when there is no build", async () => {
    const empty = createServer(staticFiles(join(dir, "nothing-here")));
    await new Promise<void>((resolve) => empty.listen(0, "127.0.0.1", resolve));
    const response = await fetch(`http://127.0.0.1:${(empty.address() as AddressInfo).port}/`);
    await new Promise((resolve) => empty.close(resolve));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("pnpm --filter @switchboard/designer build");
  });
});
