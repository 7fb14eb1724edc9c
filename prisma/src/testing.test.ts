import { afterEach, describe, expect, it, vi } from "vitest";
import { assertPostgresReachable, testDatabaseKinds } from "./testing.js";

describe("test database selection", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("always includes PostgreSQL, and refuses to skip it in CI", () => {
    vi.stubEnv("SWITCHBOARD_SKIP_POSTGRES", "");
    expect(testDatabaseKinds()).toEqual(["pglite", "postgres"]);
    vi.stubEnv("SWITCHBOARD_SKIP_POSTGRES", "1");
    vi.stubEnv("CI", "");
    expect(testDatabaseKinds()).toEqual(["pglite"]);
    vi.stubEnv("CI", "true");
    expect(() => testDatabaseKinds()).toThrow(/not allowed in CI/);
  });

  it("fails loudly, saying where it looked and what to do, when PostgreSQL is down", async () => {
    await expect(assertPostgresReachable("postgres://postgres@127.0.0.1:1/test")).rejects.toThrow(
      /PostgreSQL for tests is unreachable at postgres:\/\/postgres@127\.0\.0\.1:1\/test .*SWITCHBOARD_SKIP_POSTGRES=1/,
    );
  });
});
