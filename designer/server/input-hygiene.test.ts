import { expect, it, vi } from "vitest";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

describeOnEachDatabase("input hygiene", (h) => {
  it("refuses a document nested 100,000 levels deep with 400 naming the limit and where, and saves nothing", async () => {
    const api = await h.sessionFor("editor");
    const flow = await api.flows.create.mutate({ name: "deep" });
    const depth = 100_000;
    const document = `{"flowId":"${flow.id}","baseRevision":1,"document":{"nodes":[{"data":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}]}}`;
    const response = await fetch(`${h.server.url}/trpc/flows.saveDraft`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: (await sessionCookie(h)) },
      body: document,
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.message).toMatch(/^Invalid input: document\.nodes\[0\]\.data(\.a){60}: nested deeper than 64 levels of objects and arrays, the most allowed$/);
    expect(body.error.data.inputIssues[0].path).toMatch(/^document\.nodes\[0\]\.data\.a/);
    expect((await api.flows.get.query({ flowId: flow.id })).draftRevision).toBe(1);
  });

  it("refuses a NUL character or half a surrogate pair with 400 naming the field, wherever it is", async () => {
    const editor = await h.sessionFor("editor");
    const admin = await h.sessionFor("admin");
    const nul = await failure(editor.flows.create.mutate({ name: "ok", description: "before\u0000after" }));
    expect(nul.data?.code).toBe("BAD_REQUEST");
    expect(nul.message).toBe("Invalid input: description: contains a NUL character (U+0000) at position 7, which cannot be stored; remove it");
    const surrogate = await failure(admin.users.create.mutate({ email: "new@example.com", displayName: "Ann \uD83D", role: "editor", password: "long enough password" }));
    expect(surrogate.message).toBe(
      "Invalid input: displayName: contains half of a character (unpaired surrogate U+D83D) at position 5, which is not valid Unicode; retype or remove it",
    );
    expect((await failure(editor.flows.get.query({ name: "x\u0000" }))).data?.code).toBe("BAD_REQUEST");
    expect((await failure(admin.audit.list.query({ action: "\uDC00" }))).data?.inputIssues).toEqual([{ path: "action", message: expect.stringContaining("unpaired surrogate U+DC00") }]);
    const flow = await editor.flows.create.mutate({ name: "labels" });
    const doc = greetingFlow("labels");
    (doc.nodes[1] as { label?: string }).label = "Hello\u0000";
    const label = await failure(editor.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: 1, document: doc }));
    expect(label.data?.inputIssues).toEqual([{ path: "document.nodes[1].label", message: expect.stringContaining("NUL character") }]);
    expect(await h.db.prisma.user.count({ where: { email: "new@example.com" } })).toBe(0);
  });

  it("refuses texts longer than the limit, naming the field and both lengths", async () => {
    const editor = await h.sessionFor("editor");
    const long = await failure(editor.flows.create.mutate({ name: "long", description: "d".repeat(100_001) }));
    expect(long.message).toBe("Invalid input: description: text is 100,001 characters long; the most allowed is 100,000");
  });

  it("accepts the rest of Unicode: Chinese, emoji, right-to-left text", async () => {
    const editor = await h.sessionFor("editor");
    const admin = await h.sessionFor("admin");
    const description = "客服热线 📞 — שלום — مرحبا 👩🏽‍💻";
    const flow = await editor.flows.create.mutate({ name: "unicode", description });
    expect((await editor.flows.get.query({ flowId: flow.id })).description).toBe(description);
    const user = await admin.users.create.mutate({ email: "wang@example.com", displayName: "王小明 🎧", role: "tester", password: "long enough password" });
    expect(user.displayName).toBe("王小明 🎧");
  });
});

async function sessionCookie(h: { sessionFor(role: "editor"): Promise<unknown>; db: { prisma: import("@switchboard/db").PrismaClient }; users: Record<string, { id: string }> }) {
  const { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } = await import("./session-cookie.js");
  const token = newSessionToken();
  await h.db.prisma.session.create({ data: { tokenHash: hashSessionToken(token), userId: h.users.editor!.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) } });
  return `${SESSION_COOKIE}=${token}`;
}
