import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, expect, it, vi } from "vitest";
import { runFlowctl, type FlowctlIo } from "../../scripts/flowctl.js";
import { brokenFlow, greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, TEST_PASSWORD } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("flowctl against a server", (h) => {
  let dir: string;
  let lines: { out: string[]; err: string[] };
  const flowctl = (role: string, ...argv: string[]) => {
    lines = { out: [], err: [] };
    const io: FlowctlIo = {
      env: { SWITCHBOARD_URL: h.server.url, SWITCHBOARD_EMAIL: `${role}@example.com`, SWITCHBOARD_PASSWORD: TEST_PASSWORD },
      cwd: dir,
      out: (line) => lines.out.push(line),
      err: (line) => lines.err.push(line),
    };
    return runFlowctl(argv, io);
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sb-flowctl-"));
    await writeFile(join(dir, "welcome.json"), JSON.stringify(greetingFlow("welcome", "Hello")));
    await writeFile(join(dir, "broken.json"), JSON.stringify(brokenFlow("broken")));
    return () => rm(dir, { recursive: true, force: true });
  });

  it("validates files locally and names file, node and code for each error", async () => {
    expect(await flowctl("tester", "validate", "welcome.json")).toBe(0);
    expect(lines.out.at(-1)).toBe("1 file checked, 0 errors");
    expect(await flowctl("tester", "validate", "welcome.json", "broken.json")).toBe(1);
    expect(lines.err.length).toBeGreaterThan(0);
    expect(lines.err.every((line) => line.startsWith("broken.json "))).toBe(true);
    expect(lines.err[0]).toMatch(/error SB\d{3}/);
  });

  it("pushes, publishes and binds a file in staging, promotes it to production, and pulls it back unchanged", async () => {
    expect(await flowctl("admin", "push", "welcome.json", "--publish", "--message", "first", "--activate", "+15550100", "--env", "staging")).toBe(0);
    expect(lines.out).toEqual(["welcome: created", "welcome: published version 1", "+15550100 (staging): bound to welcome version 1"]);

    expect(await flowctl("admin", "promote", "+15550100")).toBe(0);
    expect(lines.out).toEqual(["+15550100 (production): bound to welcome version 1"]);

    await writeFile(join(dir, "welcome.json"), JSON.stringify(greetingFlow("welcome", "Hello again")));
    expect(await flowctl("publisher", "push", "welcome.json", "--publish", "--activate", "+15550100", "--env", "staging")).toBe(0);
    expect(lines.out.at(-1)).toBe("+15550100 (staging): now runs welcome version 2 (was 1)");
    expect(await flowctl("publisher", "promote", "+15550100", "--reason", "tested in staging")).toBe(0);
    expect(lines.out).toEqual(["+15550100 (production): now runs welcome version 2 (was 1)"]);

    expect(await flowctl("tester", "pull", "welcome", "--out", "pulled")).toBe(0);
    const pulled = JSON.parse(await readFile(join(dir, "pulled", "welcome.json"), "utf8"));
    expect(pulled).toEqual(greetingFlow("welcome", "Hello again"));
    expect(JSON.stringify(pulled)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no database ids
  });

  it("pushes nothing when a file is broken and publishing was asked for", async () => {
    expect(await flowctl("admin", "push", "welcome.json", "broken.json", "--publish")).toBe(1);
    expect(lines.err.at(-1)).toMatch(/^nothing pushed: \d+ errors?$/);
    expect(await h.db.prisma.flow.count()).toBe(0);
  });

  it("reports the server's refusal for a role that may not publish", async () => {
    expect(await flowctl("editor", "push", "welcome.json", "--publish")).toBe(1);
    expect(lines.err).toContain("flowctl: Permission required: publish flows");
  });

  it("explains its usage when called wrongly", async () => {
    expect(await flowctl("admin", "deploy")).toBe(2);
    expect(lines.err[0]).toContain('unknown command "deploy"');
  });
});
