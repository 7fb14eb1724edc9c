import { request } from "node:http";
import { expect, it, vi } from "vitest";
import { createApiClient } from "./client.js";
import { describeOnEachDatabase, failure, TEST_PASSWORD } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("auth over HTTP", (h) => {
  /** Signs in over a connection from `localAddress` (any of 127.0.0.0/8); the outcome's tRPC code and message. */
  const loginFrom = (localAddress: string, email: string, password: string) =>
    new Promise<{ code: string; message: string; retryAfterSeconds?: number }>((resolve, reject) => {
      const { hostname, port } = new URL(h.server.url);
      const body = JSON.stringify({ email, password });
      const req = request({ host: hostname, port, localAddress, method: "POST", path: "/trpc/auth.login", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          const json = JSON.parse(text);
          resolve(json.error ? { code: json.error.data.code, message: json.error.message, retryAfterSeconds: json.error.data.retryAfterSeconds } : { code: "OK", message: "" });
        });
      });
      req.on("error", reject);
      req.end(body);
    });

  it("signs in with the right password, sets an HttpOnly SameSite cookie, and knows who you are", async () => {
    const response = await fetch(`${h.server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "Editor@Example.com", password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^sb_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/");

    const api = await h.login("editor");
    expect(await api.auth.me.query()).toMatchObject({ email: "editor@example.com", role: "editor" });
  });

  it("stores only a hash of the session token and the argon2id hash of the password", async () => {
    const jar = new Map<string, string>();
    await createApiClient(h.server.url, jar).auth.login.mutate({ email: "admin@example.com", password: TEST_PASSWORD });
    const token = jar.get("sb_session")!;
    const sessions = await h.db.prisma.session.findMany();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.tokenHash).not.toContain(token);
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } })).passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("signs out: the cookie is cleared and the session no longer works even if replayed", async () => {
    const jar = new Map<string, string>();
    const api = createApiClient(h.server.url, jar);
    await api.auth.login.mutate({ email: "tester@example.com", password: TEST_PASSWORD });
    const stolen = new Map(jar);
    await api.auth.logout.mutate();
    expect(jar.has("sb_session")).toBe(false);
    expect(await api.auth.me.query()).toBeNull();
    expect(await createApiClient(h.server.url, stolen).auth.me.query()).toBeNull();
  });

  it("refuses a wrong password or unknown email with one message, and audits both", async () => {
    const wrong = await failure(h.anonymous().auth.login.mutate({ email: "admin@example.com", password: "guess" }));
    const unknown = await failure(h.anonymous().auth.login.mutate({ email: "nobody@example.com", password: "guess" }));
    expect(wrong.data?.code).toBe("UNAUTHORIZED");
    expect(unknown.message).toBe(wrong.message);
    const audit = await h.db.prisma.auditEvent.findMany({ where: { action: "auth.login_failed" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({ email: "admin@example.com", reason: "wrong password", address: "127.0.0.1", failures: 1 }),
      expect.objectContaining({ email: "nobody@example.com", reason: "unknown email", failures: 1 }),
    ]);
    expect(audit[0]!.actorId).toBe(h.users.admin.id);
  });

  it("slows an account down from the flooding address only, doubling the wait, and lets the owner in from elsewhere", async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom("127.0.0.1", "admin@example.com", `wrong ${i}`)).code).toBe("UNAUTHORIZED");
    const limited = await loginFrom("127.0.0.1", "admin@example.com", TEST_PASSWORD);
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.retryAfterSeconds).toBe(30);
    expect(limited.message).toBe(
      "Too many failed sign-ins from your address; try again in 30 seconds. Other addresses are not affected, and an admin can clear this on the users page.",
    );
    // The owner, from another address, signs in at once.
    expect((await loginFrom("127.0.0.2", "admin@example.com", TEST_PASSWORD)).code).toBe("OK");
    // After the wait one more wrong guess doubles it.
    h.clock.offsetMs = 31_000;
    expect((await loginFrom("127.0.0.1", "admin@example.com", "wrong again")).code).toBe("UNAUTHORIZED");
    expect((await loginFrom("127.0.0.1", "admin@example.com", TEST_PASSWORD)).message).toContain("try again in 60 seconds");
    h.clock.offsetMs = 31_000 + 61_000;
    expect((await loginFrom("127.0.0.1", "admin@example.com", TEST_PASSWORD)).code).toBe("OK");
  });

  it("writes one audit row per burst of failures, its counts kept current, however many attempts", async () => {
    for (let i = 0; i < 8; i++) await loginFrom("127.0.0.1", "publisher@example.com", `wrong ${i}`);
    for (let i = 0; i < 20; i++) expect((await loginFrom("127.0.0.1", "publisher@example.com", "still guessing")).code).toBe("TOO_MANY_REQUESTS");
    const audit = await h.db.prisma.auditEvent.findMany({ where: { action: "auth.login_failed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ email: "publisher@example.com", address: "127.0.0.1", failures: 5, refused: 23 });
  });

  it("lets an admin see current throttles and clear one, audited; others may not", async () => {
    for (let i = 0; i < 6; i++) await loginFrom("127.0.0.3", "editor@example.com", `wrong ${i}`);
    const admin = await h.sessionFor("admin");
    const throttles = await admin.users.signInThrottles.query();
    expect(throttles).toEqual([
      expect.objectContaining({ email: "editor@example.com", address: "127.0.0.3", failures: 5, blockedUntil: expect.any(String) }),
      expect.objectContaining({ email: "", address: "127.0.0.3", failures: 5, blockedUntil: null }),
    ]);
    expect((await failure((await h.sessionFor("publisher")).users.signInThrottles.query())).message).toBe("Permission required: see and clear sign-in throttles");
    await admin.users.clearSignInThrottle.mutate({ email: "editor@example.com", address: "127.0.0.3" });
    expect((await loginFrom("127.0.0.3", "editor@example.com", TEST_PASSWORD)).code).toBe("OK");
    expect((await admin.users.signInThrottles.query()).map((t) => t.email)).toEqual([""]);
    const cleared = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.throttle_cleared" } });
    expect(cleared).toMatchObject({ actorId: h.users.admin.id, subjectId: h.users.editor.id, details: { email: "editor@example.com", failures: 5 } });
    const missing = await failure(admin.users.clearSignInThrottle.mutate({ email: "editor@example.com", address: "127.0.0.3" }));
    expect(missing.message).toBe("No sign-in throttle for editor@example.com from 127.0.0.3; it may have been cleared or forgotten already");
  });

  it("slows down one address trying many accounts, without touching those accounts elsewhere", async () => {
    for (let i = 0; i < 30; i++) await loginFrom("127.0.0.4", `user${i}@example.com`, "guess");
    expect((await loginFrom("127.0.0.4", "tester@example.com", TEST_PASSWORD)).code).toBe("TOO_MANY_REQUESTS");
    expect((await loginFrom("127.0.0.5", "tester@example.com", TEST_PASSWORD)).code).toBe("OK");
  });

  it("treats an expired session as signed out", async () => {
    const api = await h.login("admin");
    h.clock.offsetMs = 8 * 24 * 60 * 60_000;
    expect(await api.auth.me.query()).toBeNull();
    expect((await failure(api.flows.list.query())).data?.code).toBe("UNAUTHORIZED");
  });
});
