import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largeFlow } from "../../../flows/bench/generate.js";
import type { FlowDocument } from "@switchboard/flows";
import { greetingSubflow } from "../test/fixtures.js";
import { openApiHarness, type ApiHarness } from "../test/harness.js";
import { closeCompilePool } from "./compile-pool.js";

// PostgreSQL only: PGlite runs its queries on the API's own thread, which is not what a deployment does.
let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness("postgres");
  await h.reset();
}, 120_000);
afterAll(async () => {
  await h?.close();
  await closeCompilePool();
});

/** Polls `url` every `everyMs` until `stop()` and returns the longest time between two answers. */
async function longestSilence(url: string, everyMs: number, stopped: () => boolean): Promise<{ longestMs: number; polls: number }> {
  let last = performance.now();
  let longestMs = 0;
  let polls = 0;
  while (!stopped()) {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    last = now;
    polls++;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return { longestMs, polls };
}

describe("publishing a 20,000-node flow", () => {
  it("keeps the API answering /healthz meanwhile (compile and lint run in a worker thread)", async () => {
    const editor = await h.sessionFor("editor");
    const publisher = await h.sessionFor("publisher");
    // largeFlow's sub-flow nodes call "Identify caller": it must be published first.
    const identify = await editor.flows.create.mutate({ name: "Identify caller" });
    await editor.flows.saveDraft.mutate({ flowId: identify.id, baseRevision: identify.draftRevision, document: { ...greetingSubflow("Hello."), name: "Identify caller" } as FlowDocument });
    await publisher.flows.publish.mutate({ flowId: identify.id });
    const document = largeFlow(20_000);
    const flow = await editor.flows.create.mutate({ name: "big" });
    // The draft goes straight into the database: this test is about publishing.
    await h.db.prisma.flow.update({ where: { id: flow.id }, data: { draftDocument: { ...document, name: "big" } as object, draftRevision: { increment: 1 } } });

    let done = false;
    const polling = longestSilence(`${h.server.url}/healthz`, 20, () => done);
    const started = performance.now();
    const published = await publisher.flows.publish.mutate({ flowId: flow.id }).finally(() => (done = true));
    const publishMs = performance.now() - started;
    const { longestMs, polls } = await polling;
    console.info(`publish of 20,000 nodes: ${Math.round(publishMs)} ms; /healthz answered ${polls} times, longest silence ${Math.round(longestMs)} ms`);

    expect(published).toMatchObject({ created: true, version: { number: 1 } });
    expect(published.version.contentHash).toMatch(/^[0-9a-f]{16,}$/);
    // Stored as compiled: the whole document, and the compiled flow whose hash the version carries.
    const [stored] = await h.db.prisma.$queryRaw<{ nodes: number; hash: string }[]>`
      SELECT jsonb_array_length(document->'nodes') AS nodes, compiled->>'hash' AS hash FROM flow_versions WHERE id = ${published.version.id}::uuid`;
    expect(stored).toEqual({ nodes: 20_000, hash: published.version.contentHash });
    expect(polls).toBeGreaterThan(10);
    expect(longestMs).toBeLessThan(500);
  }, 300_000);
});
