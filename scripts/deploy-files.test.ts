import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../runtime/src/index.js";
import { processRole } from "./serve.js";

/**
 * The files operators deploy with (deploy/): no container engine runs on this machine, so they are checked here
 * against the configuration reference and the code that reads them.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, "utf8");

/** Every variable the READMEs' tables document (first column, `A` / `B` or `A`, `B`). */
function documentedVariables(): Set<string> {
  const names = new Set<string>();
  for (const file of ["README.md", "runtime/README.md", "designer/server/README.md"]) {
    for (const line of read(file).split("\n")) {
      const first = /^\| ([^|]+) \|/.exec(line)?.[1] ?? "";
      for (const match of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(match[1]!);
    }
  }
  return names;
}

/** Variables of others that the files may set. */
const NOT_OURS = new Set(["NODE_ENV"]);

interface ComposeService {
  environment?: Record<string, string>;
  stop_grace_period?: string;
  volumes?: string[];
  network_mode?: string;
}

const compose = parse(read("deploy/compose.yaml"), { merge: true }) as { services: Record<string, ComposeService> };
const ours = Object.entries(compose.services).filter(([, service]) => service.environment?.SWITCHBOARD_ROLE);
const runtimes = ours.filter(([, service]) => service.environment?.SWITCHBOARD_ROLE === "runtime");
const seconds = (text: string) => Number(/^(\d+)s$/.exec(text)?.[1] ?? NaN);

describe("deploy/compose.yaml", () => {
  it("sets only documented variables, and roles the product knows", () => {
    const documented = documentedVariables();
    expect(ours.map(([name]) => name).sort()).toEqual(["api", "runtime-1", "runtime-2"]);
    for (const [name, service] of ours) {
      const unknown = Object.keys(service.environment ?? {}).filter((key) => !documented.has(key) && !NOT_OURS.has(key));
      expect(unknown, `${name} sets undocumented variables`).toEqual([]);
      expect(() => processRole(service.environment!), name).not.toThrow();
    }
  });

  it("gives each runtime a configuration the runtime accepts, its own instance and ports, and time to drain", () => {
    const configs = runtimes.map(([name, service]) => ({ name, config: loadConfig(service.environment!), grace: seconds(service.stop_grace_period ?? "") }));
    expect(new Set(configs.map((c) => c.config.instance)).size).toBe(runtimes.length);
    expect(new Set(configs.map((c) => c.config.outbound.port)).size).toBe(runtimes.length);
    expect(new Set(configs.map((c) => c.config.http.port)).size).toBe(runtimes.length);
    for (const { name, config, grace } of configs) {
      expect(config.esl, name).not.toBeNull();
      expect(grace, `${name}: stop_grace_period must outlast RUNTIME_DRAIN_SECONDS`).toBeGreaterThan(config.drainSeconds);
      expect(compose.services[name]!.network_mode).toBe("service:freeswitch");
    }
    // The switch's dialplan tries exactly these runtimes, in turn.
    const vars = read("deploy/freeswitch/vars.xml");
    const listed = /data="switchboard_runtime=([^"]+)"/.exec(vars)?.[1]?.split("|") ?? [];
    expect(listed.sort()).toEqual(configs.map((c) => `${c.config.outbound.host}:${c.config.outbound.port}`).sort());
  });

  it("runs FreeSWITCH on the project's configuration, its vars.xml differing only in where the runtimes are", () => {
    const volumes = compose.services.freeswitch?.volumes ?? [];
    expect(volumes).toContain("../freeswitch/conf:/etc/switchboard-freeswitch:ro");
    expect(volumes).toContain("./freeswitch/vars.xml:/etc/switchboard-freeswitch/vars.xml:ro");
    const settings = (text: string) => text.split("\n").filter((line) => line.includes("X-PRE-PROCESS") && !line.includes("switchboard_runtime="));
    expect(settings(read("deploy/freeswitch/vars.xml"))).toEqual(settings(read("freeswitch/conf/vars.xml")));
  });
});

describe("deploy/Dockerfile and systemd units", () => {
  const documented = documentedVariables();

  it("the image starts scripts/start.mjs with documented settings", () => {
    const dockerfile = read("deploy/Dockerfile");
    expect(dockerfile).toContain('CMD ["node", "scripts/start.mjs"]');
    expect(existsSync(`${root}scripts/start.mjs`)).toBe(true);
    const envBlock = /^ENV ([\s\S]+?)\n(?!\s)/m.exec(dockerfile)?.[1] ?? "";
    const keys = [...envBlock.matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1]!);
    expect(keys).toContain("SWITCHBOARD_ROLE");
    expect(keys.filter((key) => !documented.has(key) && !NOT_OURS.has(key))).toEqual([]);
  });

  it.each([
    ["deploy/systemd/switchboard-api.service", "api"],
    ["deploy/systemd/switchboard-runtime@.service", "runtime"],
  ])("%s runs the %s role, with documented settings, and stops after calls drained", (file, role) => {
    const unit = read(file);
    const values = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, "gm"))].map((m) => m[1]!);
    const environment = Object.fromEntries(values("Environment").map((pair) => pair.split("=", 2) as [string, string]));
    expect(environment.SWITCHBOARD_ROLE).toBe(role);
    expect(Object.keys(environment).filter((key) => !documented.has(key))).toEqual([]);
    expect(values("ExecStart")).toEqual(["/usr/bin/node scripts/start.mjs"]);
    const stop = Number(values("TimeoutStopSec")[0]);
    if (role === "runtime") expect(stop).toBeGreaterThan(Number(environment.RUNTIME_DRAIN_SECONDS));
    else expect(stop).toBeGreaterThan(0);
  });
});
