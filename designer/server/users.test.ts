import { expect, it, vi } from "vitest";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("users and roles", (h) => {
  it("changes a role, takes effect on the user's next request, and audits who changed what", async () => {
    const admin = await h.sessionFor("admin");
    const editor = await h.sessionFor("editor");
    expect((await failure(editor.flows.publish.mutate({ flowId: "00000000-0000-4000-8000-000000000000" }))).data?.code).toBe("FORBIDDEN");
    await admin.users.setRole.mutate({ userId: h.users.editor.id, role: "publisher" });
    expect((await failure(editor.flows.publish.mutate({ flowId: "00000000-0000-4000-8000-000000000000" }))).data?.code).toBe("NOT_FOUND");

    const [event] = await admin.audit.list.query({ action: "user.role_change" });
    expect(event).toMatchObject({
      actorId: h.users.admin.id,
      subjectId: h.users.editor.id,
      details: { email: "editor@example.com", from: "editor", to: "publisher" },
    });
  });

  it("never demotes the last admin", async () => {
    const admin = await h.sessionFor("admin");
    const error = await failure(admin.users.setRole.mutate({ userId: h.users.admin.id, role: "editor" }));
    expect(error.data?.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("admin@example.com is the last admin; make someone else admin first");
    await admin.users.setRole.mutate({ userId: h.users.publisher.id, role: "admin" });
    await admin.users.setRole.mutate({ userId: h.users.admin.id, role: "editor" });
    expect((await admin.auth.me.query())?.role).toBe("editor");
  });

  it("creates users with hashed passwords and refuses a duplicate email or a short password", async () => {
    const admin = await h.sessionFor("admin");
    const created = await admin.users.create.mutate({ email: "Sam@Example.com", displayName: "Sam", role: "tester", password: "a long enough password" });
    expect(created).toMatchObject({ email: "sam@example.com", role: "tester" });
    expect(created).not.toHaveProperty("passwordHash");
    expect((await failure(admin.users.create.mutate({ email: "sam@example.com", displayName: "Sam", role: "tester", password: "a long enough password" }))).message).toBe(
      "A user with email sam@example.com already exists",
    );
    const short = await failure(admin.users.create.mutate({ email: "x@example.com", displayName: "X", role: "tester", password: "short" }));
    expect(short.data?.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(short.data?.inputIssues)).toContain("use at least 12 characters");
  });
});
