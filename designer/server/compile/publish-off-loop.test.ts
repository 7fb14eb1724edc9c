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

/** Runs `work` while polling the API's /healthz every 20 ms; returns its result and the longest silence. */
async function whilePolling<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; polls: number; longestMs: number }> {
  let done = false;
  const polling = longestSilence(`${h.server.url}/healthz`, 20, () => done);
  const started = performance.now();
  const value = await work().finally(() => (done = true));
  const ms = performance.now() - started;
  return { value, ms, ...(await polling) };
}

describe("saving and publishing a 20,000-node flow", () => {
  it("keeps the API answering /healthz meanwhile (parse, compile and lint run in a worker thread)", async () => {
    const editor = await h.sessionFor("editor");
    const publisher = await h.sessionFor("publisher");
    // largeFlow's sub-flow nodes call "Identify caller": it must be published first.
    const identify = await editor.flows.create.mutate({ name: "Identify caller" });
    await editor.flows.saveDraft.mutate({ flowId: identify.id, baseRevision: identify.draftRevision, document: { ...greetingSubflow("Hello."), name: "Identify caller" } as FlowDocument });
    await publisher.flows.publish.mutate({ flowId: identify.id });
    const flow = await editor.flows.create.mutate({ name: "big" });
    const document = { ...largeFlow(20_000), name: "big" } as FlowDocument;

    const save = await whilePolling(() => editor.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document }));
    const publish = await whilePolling(() => publisher.flows.publish.mutate({ flowId: flow.id }));
    console.info(
      `20,000 nodes: save ${Math.round(save.ms)} ms (/healthz answered ${save.polls} times, longest silence ${Math.round(save.longestMs)} ms); ` +
        `publish ${Math.round(publish.ms)} ms (${publish.polls} answers, longest silence ${Math.round(publish.longestMs)} ms)`,
    );

    expect(save.value.draftRevision).toBe(flow.draftRevision + 1);
    const published = publish.value;
    expect(published).toMatchObject({ created: true, version: { number: 1 } });
    // Stored as compiled: the whole document, and the compiled flow whose hash the version carries.
    const [stored] = await h.db.prisma.$queryRaw<{ nodes: number; hash: string }[]>`
      SELECT jsonb_array_length(document->'nodes') AS nodes, compiled->>'hash' AS hash FROM flow_versions WHERE id = ${published.version.id}::uuid`;
    expect(stored).toEqual({ nodes: 20_000, hash: published.version.contentHash });
    for (const run of [save, publish]) {
      expect(run.polls).toBeGreaterThan(10);
      // Relative, not absolute, so a loaded machine does not fail it: parsing and compiling on the API's own
      // thread kept /healthz silent for most of the operation (publish: 3.1 s of ~6 s); in a worker, a few percent.
      expect(run.longestMs).toBeLessThan(run.ms * 0.25);
    }
  }, 300_000);
});
