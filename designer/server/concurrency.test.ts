import { expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, outcome } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

describeOnEachDatabase("concurrent edits and publishes", (h) => {
  it("two editors saving the same revision at once: exactly one wins, the other gets CONFLICT", async () => {
    const alice = await h.sessionFor("editor");
    const bob = await h.sessionFor("publisher");
    const flow = await alice.flows.create.mutate({ name: "welcome" });
    for (let round = 0; round < 5; round++) {
      const { draftRevision } = await alice.flows.get.query({ flowId: flow.id });
      const results = await Promise.all([
        outcome(alice.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: draftRevision, document: greetingFlow("welcome", `alice ${round}`) })),
        outcome(bob.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: draftRevision, document: greetingFlow("welcome", `bob ${round}`) })),
      ]);
      expect(results.sort()).toEqual(["CONFLICT", "OK"]);
      const after = await alice.flows.get.query({ flowId: flow.id });
      expect(after.draftRevision).toBe(draftRevision + 1);
      const greeting = (after.draft.nodes.find((n) => n.id === "hello")?.data as unknown as { prompt: { text: { en: string } } }).prompt.text.en;
      expect([`alice ${round}`, `bob ${round}`]).toContain(greeting);
    }
  });

  it("publishers publishing and activating at once: version numbers unique and gap-free, live version always exists", async () => {
    const admin = await h.sessionFor("admin");
    const publishers: ApiClient[] = [await h.sessionFor("publisher"), admin];
    const flow = await admin.flows.create.mutate({ name: "welcome" });
    await admin.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: 1, document: greetingFlow("welcome", "v0") });
    await admin.flows.publish.mutate({ flowId: flow.id });
    await admin.deployments.bind.mutate({ address: "+15550100", environment: "staging", flowName: "welcome" });

    const heard: number[] = [];
    const unsubscribe = h.services.deploymentEvents.subscribe((event) => heard.push(event.versionNumber));
    const worker = async (api: ApiClient, name: string) => {
      for (let i = 0; i < 6; i++) {
        const { draftRevision } = await api.flows.get.query({ flowId: flow.id });
        await outcome(api.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: draftRevision, document: greetingFlow("welcome", `${name} ${i}`) }));
        const published = await Promise.all([outcome(api.flows.publish.mutate({ flowId: flow.id })), outcome(api.flows.publish.mutate({ flowId: flow.id }))]);
        expect(published.every((o) => o === "OK" || o === "CONFLICT")).toBe(true);
        const [latest] = await api.flows.listVersions.query({ flowId: flow.id });
        await outcome(api.deployments.activate.mutate({ address: "+15550100", environment: "staging", versionNumber: latest!.number }));
        const [binding] = await api.deployments.list.query({ environment: "staging" });
        expect(await outcome(api.flows.getVersion.query({ flowId: flow.id, number: binding!.versionNumber }))).toBe("OK");
      }
    };
    await Promise.all(publishers.map((api, i) => worker(api, `publisher-${i}`)));
    unsubscribe();

    const numbers = (await admin.flows.listVersions.query({ flowId: flow.id })).map((v) => v.number).sort((a, b) => a - b);
    expect(numbers.length).toBeGreaterThan(2);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    const hashes = (await admin.flows.listVersions.query({ flowId: flow.id })).map((v) => v.contentHash);
    expect(new Set(hashes).size).toBe(hashes.length); // no version published twice with the same content
    expect((await admin.flows.get.query({ flowId: flow.id })).latestVersionNumber).toBe(numbers.length);
    const history = await admin.deployments.history.query({ limit: 500 });
    expect(history.every((d) => numbers.includes(d.to.number))).toBe(true);
    for (let i = 1; i < heard.length; i++) expect(heard[i]).toBeGreaterThan(heard[i - 1]!); // activations only move forward
  });
});
