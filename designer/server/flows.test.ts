import { compileFlow, FLOW_SCHEMA_VERSION } from "@switchboard/flows";
import { beforeEach, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { brokenFlow, greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("flows API", (h) => {
  let editor: ApiClient;
  let publisher: ApiClient;
  beforeEach(async () => {
    editor = await h.sessionFor("editor");
    publisher = await h.sessionFor("publisher");
  });

  async function flowWithDraft(name: string, greeting = "Hello") {
    const flow = await editor.flows.create.mutate({ name });
    const saved = await editor.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document: greetingFlow(name, greeting) });
    return { id: flow.id, revision: saved.draftRevision };
  }

  it("creates a flow with a starter draft, lists it, and refuses a duplicate name", async () => {
    const flow = await editor.flows.create.mutate({ name: "main menu", description: "Front door" });
    const got = await editor.flows.get.query({ flowId: flow.id });
    expect(got).toMatchObject({ name: "main menu", description: "Front door", draftRevision: 1, latestVersionNumber: 0 });
    expect(got.draft.nodes.map((n) => n.type)).toEqual(["start"]);
    expect(got.draftSavedBy?.email).toBe("editor@example.com");
    expect((await editor.flows.list.query()).map((f) => f.name)).toEqual(["main menu"]);
    const duplicate = await failure(editor.flows.create.mutate({ name: "main menu" }));
    expect(duplicate.data?.code).toBe("CONFLICT");
    expect(duplicate.message).toBe('A flow named "main menu" already exists');
  });

  it("saves drafts revision by revision and refuses a stale save, naming who saved in between", async () => {
    const { id, revision } = await flowWithDraft("welcome");
    const otherEditor = await h.sessionFor("publisher");
    await otherEditor.flows.saveDraft.mutate({ flowId: id, baseRevision: revision, document: greetingFlow("welcome", "Hi from Pat") });
    const stale = await failure(editor.flows.saveDraft.mutate({ flowId: id, baseRevision: revision, document: greetingFlow("welcome", "Mine") }));
    expect(stale.data?.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/^Draft of "welcome" was saved by Publisher <publisher@example.com> at .* \(revision 3\) after you opened revision 2; reload it/);
    const draft = (await editor.flows.get.query({ flowId: id })).draft;
    expect(draft.nodes.find((n) => n.id === "hello")?.data).toMatchObject({ prompt: { text: { en: "Hi from Pat" } } });
  });

  it("rejects a malformed draft with every problem listed by path, and a document named after another flow", async () => {
    const { id, revision } = await flowWithDraft("welcome");
    const bad = { ...greetingFlow("welcome"), languages: [], nodes: [{ id: "x", type: "teleport", position: { x: 0, y: 0 }, data: {} }] };
    const error = await failure(editor.flows.saveDraft.mutate({ flowId: id, baseRevision: revision, document: bad }));
    expect(error.data?.code).toBe("BAD_REQUEST");
    const paths = (error.data?.diagnostics as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["document.languages", "document.nodes[0].type"]));
    const renamed = await failure(editor.flows.saveDraft.mutate({ flowId: id, baseRevision: revision, document: greetingFlow("other") }));
    expect(renamed.message).toBe('The document is named "other" but the flow is "welcome"; rename the flow instead');
  });

  it("validates a draft and refuses to publish it with the compiler's diagnostics while it has errors", async () => {
    expect(compileFlow(brokenFlow("welcome")).ok).toBe(false); // the fixture really is broken
    const flow = await editor.flows.create.mutate({ name: "welcome" });
    await editor.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: 1, document: brokenFlow("welcome") });
    const validation = await editor.flows.validate.mutate({ flowId: flow.id });
    expect(validation.ok).toBe(false);
    expect(validation.diagnostics.some((d) => d.severity === "error")).toBe(true);

    const refused = await failure(publisher.flows.publish.mutate({ flowId: flow.id }));
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/^Flow "welcome" has \d+ errors?; fix/);
    expect(refused.data?.diagnostics).toEqual(validation.diagnostics);
    expect(await publisher.flows.listVersions.query({ flowId: flow.id })).toEqual([]);
  });

  it("validates an unsaved document, reporting schema problems as diagnostics rather than an error", async () => {
    expect(await editor.flows.validate.mutate({ document: greetingFlow("scratch") })).toEqual({ ok: true, diagnostics: [] });
    const result = await editor.flows.validate.mutate({ document: { ...greetingFlow("scratch"), languages: [] } });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.path)).toContain("languages");
  });

  it("publishes immutable numbered versions, skips an unchanged draft, and diffs versions field by field", async () => {
    const { id, revision } = await flowWithDraft("welcome", "Hello");
    const v1 = await publisher.flows.publish.mutate({ flowId: id, message: "first" });
    expect(v1).toMatchObject({ created: true, version: { number: 1, message: "first" } });
    expect(v1.version.contentHash).toBe(compileFlow(greetingFlow("welcome", "Hello")).compiled!.hash);
    expect(await publisher.flows.publish.mutate({ flowId: id })).toMatchObject({ created: false, version: { number: 1 } });
    // The editor compares its draft with this to say "unpublished changes".
    expect((await editor.flows.get.query({ flowId: id })).latestVersionHash).toBe(v1.version.contentHash);

    await editor.flows.saveDraft.mutate({ flowId: id, baseRevision: revision, document: greetingFlow("welcome", "Welcome to Acme") });
    expect((await publisher.flows.publish.mutate({ flowId: id, message: "new greeting" })).version.number).toBe(2);

    const versions = await editor.flows.listVersions.query({ flowId: id });
    expect(versions.map((v) => [v.number, v.message, v.author?.email])).toEqual([
      [2, "new greeting", "publisher@example.com"],
      [1, "first", "publisher@example.com"],
    ]);
    const v1Full = await editor.flows.getVersion.query({ flowId: id, number: 1 });
    expect(v1Full.document.nodes.find((n) => n.id === "hello")?.data).toMatchObject({ prompt: { text: { en: "Hello" } } });
    expect((v1Full.compiled as { hash: string }).hash).toBe(v1.version.contentHash);

    const diff = await editor.flows.diffVersions.query({ flowId: id, from: 1, to: 2 });
    expect(diff.nodes.changed).toEqual([{ id: "hello", type: "announcement", changes: [{ path: "data.prompt.text.en", before: "Hello", after: "Welcome to Acme" }] }]);
    expect((await editor.flows.diffVersions.query({ flowId: id, from: 2, to: "draft" })).identical).toBe(true);
    expect((await failure(editor.flows.getVersion.query({ flowId: id, number: 7 }))).message).toBe('Flow "welcome" has no version 7 (latest is 2)');
  });

  it("refuses to publish when the draft moved past the revision the publisher reviewed", async () => {
    const { id, revision } = await flowWithDraft("welcome");
    await editor.flows.saveDraft.mutate({ flowId: id, baseRevision: revision, document: greetingFlow("welcome", "changed") });
    const error = await failure(publisher.flows.publish.mutate({ flowId: id, baseRevision: revision }));
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toContain(`is at revision ${revision + 1}, not ${revision}`);
  });

  it("renames a flow (draft document follows) and archives it only when nothing is bound to it", async () => {
    const { id } = await flowWithDraft("welcome");
    const renamed = await editor.flows.rename.mutate({ flowId: id, name: "greeting" });
    expect(renamed.name).toBe("greeting");
    expect((await editor.flows.get.query({ name: "greeting" })).draft.name).toBe("greeting");

    await publisher.flows.publish.mutate({ flowId: id });
    const admin = await h.sessionFor("admin");
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "production", flowName: "greeting" });
    const refused = await failure(editor.flows.archive.mutate({ flowId: id, archived: true }));
    expect(refused.message).toBe('Flow "greeting" is live on +15550100 (production); bind those to another flow before archiving it');

    const other = await flowWithDraft("spare");
    await editor.flows.archive.mutate({ flowId: other.id, archived: true });
    expect((await editor.flows.list.query()).map((f) => f.name)).toEqual(["greeting"]);
    expect((await editor.flows.list.query({ includeArchived: true })).map((f) => f.name)).toEqual(["greeting", "spare"]);
    expect((await failure(publisher.flows.publish.mutate({ flowId: other.id }))).message).toMatch(/archived/);
  });

  it("exports a flow as a file without database ids and imports it back into another name space", async () => {
    const { id } = await flowWithDraft("welcome", "Hello");
    await publisher.flows.publish.mutate({ flowId: id });
    const file = await editor.flows.export.query({ name: "welcome", version: 1 });
    expect(file.schemaVersion).toBe(1);
    expect(JSON.stringify(file)).not.toContain(id);
    expect(await editor.flows.export.query({ flowId: id })).toEqual(file);

    const [same] = await editor.flows.import.mutate({ documents: [file] });
    expect(same).toMatchObject({ name: "welcome", created: false, changed: false });
    const [created] = await editor.flows.import.mutate({ documents: [{ ...file, name: "welcome copy" }] });
    expect(created).toMatchObject({ name: "welcome copy", created: true, changed: true });
    await expect(h.db.prisma.auditEvent.count({ where: { action: "flow.import" } })).resolves.toBe(2);
  });

  it("rejects a bad import with every problem by file and path, and imports nothing", async () => {
    const error = await failure(
      editor.flows.import.mutate({
        documents: [greetingFlow("good one"), { ...greetingFlow("bad"), schemaVersion: 99 }, { schemaVersion: 1, name: 5, languages: ["en"], nodes: "none", edges: [] }],
      }),
    );
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^Nothing was imported/);
    const paths = (error.data?.diagnostics as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["documents[1].schemaVersion", "documents[2].name", "documents[2].nodes"]));
    expect(paths.some((p) => p.startsWith("documents[0]"))).toBe(false);
    // Each problem reaches the client with its message id and values, so the designer can say it in Chinese.
    expect(error.data?.diagnostics).toContainEqual(expect.objectContaining({ path: "documents[1].schemaVersion", messageId: "SB002.versionTooNew", params: { version: 99, supported: FLOW_SCHEMA_VERSION } }));
    expect(await editor.flows.list.query({ includeArchived: true })).toEqual([]);
  });

  it("refuses two import files with the same name, naming it in a translatable diagnostic", async () => {
    const error = await failure(editor.flows.import.mutate({ documents: [greetingFlow("twin"), greetingFlow("twin", "again")] }));
    expect(error.data?.diagnostics).toEqual([
      expect.objectContaining({ code: "SB001", path: "name", message: 'two files are both named "twin"', messageId: "SB001.duplicateFileName", params: { name: "twin" } }),
    ]);
  });

  it("never lets an import replace someone else's unpublished draft unless asked to", async () => {
    const { id } = await flowWithDraft("welcome", "editor's unpublished words");
    const admin = await h.sessionFor("admin");
    const error = await failure(admin.flows.import.mutate({ documents: [greetingFlow("fresh"), greetingFlow("welcome", "from git")] }));
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toBe(
      'Nothing was imported: the draft of "welcome" holds unpublished edits by Editor <editor@example.com> (revision 2); publish or export them first, or replace them explicitly',
    );
    expect((await admin.flows.list.query()).map((f) => f.name)).toEqual(["welcome"]);

    await publisher.flows.publish.mutate({ flowId: id });
    const [published] = await admin.flows.import.mutate({ documents: [greetingFlow("welcome", "from git")] });
    expect(published).toMatchObject({ changed: true, draftRevision: 3 });
    await editor.flows.saveDraft.mutate({ flowId: id, baseRevision: 3, document: greetingFlow("welcome", "editor again") });
    const [forced] = await admin.flows.import.mutate({ documents: [greetingFlow("welcome", "git wins")], replaceOthersDrafts: true });
    expect(forced).toMatchObject({ changed: true, draftRevision: 5 });
  });

  it("rolls the whole import back when one flow cannot be written", async () => {
    const archived = await flowWithDraft("old");
    await editor.flows.archive.mutate({ flowId: archived.id, archived: true });
    const error = await failure(editor.flows.import.mutate({ documents: [greetingFlow("fresh"), greetingFlow("old", "revived")] }));
    expect(error.message).toBe('Nothing was imported: flow "old" is archived; unarchive it first');
    expect((await editor.flows.list.query({ includeArchived: true })).map((f) => f.name)).toEqual(["old"]);
  });
});
