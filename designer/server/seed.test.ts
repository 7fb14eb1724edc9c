import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { testDatabaseKinds } from "@switchboard/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "./client.js";
import { EXAMPLE_NUMBERS, exampleAddresses, publishExampleFlows, seedUsers } from "./seed.js";
import { openApiHarness, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const EXAMPLES_DIR = fileURLToPath(new URL("../../flows/examples", import.meta.url));

describe.each(testDatabaseKinds())("start-up seeding on %s", (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness(kind);
  });
  afterAll(() => h?.close());
  beforeEach(async () => {
    await h.db.reset();
  });

  it("creates one user per role once, with passwords from the environment or generated, and can sign them in", async () => {
    const first = await seedUsers(h.db.prisma, { SWITCHBOARD_ADMIN_PASSWORD: "admin password from env" });
    expect(first.map((u) => [u.role, u.passwordFrom])).toEqual([
      ["admin", "env"],
      ["publisher", "generated"],
      ["editor", "generated"],
      ["tester", "generated"],
    ]);
    const publisher = first.find((u) => u.role === "publisher")!;
    expect(publisher.password!.length).toBeGreaterThanOrEqual(16);
    const api = createApiClient(h.server.url);
    await api.auth.login.mutate({ email: publisher.email, password: publisher.password! });
    expect((await api.auth.me.query())?.role).toBe("publisher");

    const second = await seedUsers(h.db.prisma, { SWITCHBOARD_ADMIN_PASSWORD: "changed" });
    expect(second.every((u) => u.password === undefined)).toBe(true);
    expect(await h.db.prisma.user.count()).toBe(4);
  });

  it("publishes and binds every example flow, and a second start changes nothing", async () => {
    await seedUsers(h.db.prisma, {});
    const files = (await readdir(EXAMPLES_DIR)).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    const results = await publishExampleFlows(h.services, EXAMPLES_DIR);
    expect(results.filter((r) => r.problem)).toEqual([]);
    expect(results).toHaveLength(files.length);
    const bindings = await h.db.prisma.binding.findMany({ include: { flow: true, activeVersion: true } });
    const addresses = results.flatMap((r) => exampleAddresses(r.flowName!));
    expect(addresses).toEqual(expect.arrayContaining(["route:main-menu", ...Object.values(EXAMPLE_NUMBERS)]));
    expect(bindings).toHaveLength(addresses.length * 2);
    for (const binding of bindings) {
      expect(exampleAddresses(binding.flow.name)).toContain(binding.address);
      expect(binding.activeVersion.number).toBe(1);
    }
    const again = await publishExampleFlows(h.services, EXAMPLES_DIR);
    expect(again.map((r) => [r.versionNumber, r.boundTo])).toEqual(results.map(() => [1, []]));
    expect(await h.db.prisma.flowVersion.count()).toBe(files.length);
  });
});
