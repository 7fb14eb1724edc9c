import { existsSync } from "node:fs";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres.js";
import { providePostgresForTests } from "./test-postgres-setup.js";
import { assertPostgresReachable, redactPassword, testDatabaseKinds, testPostgresUrl } from "./testing.js";

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>("SHOW server_version");
    return result.rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

describe("test database selection", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("runs every database suite on PGlite and on PostgreSQL, with no way to skip PostgreSQL", () => {
    vi.stubEnv("SWITCHBOARD_SKIP_POSTGRES", "1");
    expect(testDatabaseKinds()).toEqual(["pglite", "postgres"]);
  });

  it("this run has a reachable PostgreSQL in TEST_DATABASE_URL, started by the global setup when none was given", async () => {
    expect(["given", "embedded"]).toContain(process.env.SWITCHBOARD_TEST_POSTGRES);
    await assertPostgresReachable();
    expect(testPostgresUrl()).toBe(process.env.TEST_DATABASE_URL);
  });

  it("says how to get a server when TEST_DATABASE_URL is missing", () => {
    vi.stubEnv("TEST_DATABASE_URL", "");
    expect(() => testPostgresUrl()).toThrow(/TEST_DATABASE_URL is not set: .*embedded PostgreSQL/);
  });

  it("fails loudly, saying where it looked (without the password) and what to do, when PostgreSQL is down", async () => {
    await expect(assertPostgresReachable("postgres://postgres:secret@127.0.0.1:1/test")).rejects.toThrow(
      /PostgreSQL for tests is unreachable at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test .*unset TEST_DATABASE_URL/,
    );
    expect(redactPassword("postgres://u:p@h:5/d")).toBe("postgres://u:***@h:5/d");
  });
});

describe("embedded PostgreSQL for tests", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("starts a real PostgreSQL on a free loopback port and removes its data folder when stopped", async () => {
    const server = await startEmbeddedPostgres();
    let stopped = false;
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/test$/);
      expect(new URL(server.url).port).not.toBe("5432");
      expect(await serverVersion(server.url)).toMatch(/^18\./);
      expect(existsSync(server.folder)).toBe(true);
      await server.stop();
      stopped = true;
      expect(existsSync(server.folder)).toBe(false);
      await expect(serverVersion(server.url)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (!stopped) await server.stop();
    }
  });

  it("without TEST_DATABASE_URL, the global setup starts one and points TEST_DATABASE_URL at it until released", async () => {
    vi.stubEnv("TEST_DATABASE_URL", undefined);
    vi.stubEnv("SWITCHBOARD_TEST_POSTGRES", undefined);
    const lines: string[] = [];
    const release = await providePostgresForTests((line) => lines.push(line));
    const url = process.env.TEST_DATABASE_URL!;
    try {
      expect(process.env.SWITCHBOARD_TEST_POSTGRES).toBe("embedded");
      expect(lines.join("\n")).toMatch(/embedded PostgreSQL started for the tests at 127\.0\.0\.1:\d+/);
      expect(await serverVersion(url)).toMatch(/^18\./);
    } finally {
      await release();
    }
    expect(process.env.TEST_DATABASE_URL).toBeUndefined();
    await expect(serverVersion(url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("with TEST_DATABASE_URL set, the global setup uses that server and starts none", async () => {
    vi.stubEnv("TEST_DATABASE_URL", "postgres://someone:secret@db.example:6543/switchboard");
    vi.stubEnv("SWITCHBOARD_TEST_POSTGRES", undefined);
    const lines: string[] = [];
    const release = await providePostgresForTests((line) => lines.push(line));
    await release();
    expect(process.env.TEST_DATABASE_URL).toBe("postgres://someone:secret@db.example:6543/switchboard");
    expect(process.env.SWITCHBOARD_TEST_POSTGRES).toBe("given");
    expect(lines).toEqual(["PostgreSQL tests use the server in TEST_DATABASE_URL (db.example:6543/switchboard)"]);
  });
});
