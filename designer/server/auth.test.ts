import { expect, it, vi } from "vitest";
import { createApiClient } from "./client.js";
import { describeOnEachDatabase, failure, TEST_PASSWORD } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("auth over HTTP", (h) => {
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
      expect.objectContaining({ email: "admin@example.com", reason: "wrong password" }),
      expect.objectContaining({ email: "nobody@example.com", reason: "unknown email" }),
    ]);
    expect(audit[0]!.actorId).toBe(h.users.admin.id);
  });

  it("rate-limits repeated failures on an account, even with the right password, until the window passes", async () => {
    for (let i = 0; i < 5; i++) await failure(h.anonymous().auth.login.mutate({ email: "publisher@example.com", password: `wrong ${i}` }));
    const limited = await failure(h.anonymous().auth.login.mutate({ email: "publisher@example.com", password: TEST_PASSWORD }));
    expect(limited.data?.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.message).toMatch(/Too many failed sign-ins; try again in 15 minutes/);
    expect(await h.db.prisma.auditEvent.count({ where: { action: "auth.login_failed" } })).toBe(6);

    expect((await h.login("editor").then((api) => api.auth.me.query()))?.role).toBe("editor"); // other accounts unaffected
    h.clock.offsetMs = 15 * 60_000 + 1;
    expect((await h.login("publisher").then((api) => api.auth.me.query()))?.role).toBe("publisher");
  });

  it("treats an expired session as signed out", async () => {
    const api = await h.login("admin");
    h.clock.offsetMs = 8 * 24 * 60 * 60_000;
    expect(await api.auth.me.query()).toBeNull();
    expect((await failure(api.flows.list.query())).data?.code).toBe("UNAUTHORIZED");
  });
});
