import type { FlowDocument } from "@switchboard/flows";

/** A small flow that compiles without errors: start → announcement → hangup. */
export function greetingFlow(name: string, greeting = "Hello"): FlowDocument {
  return {
    schemaVersion: 1,
    name,
    description: "",
    languages: ["en"],
    variables: [],
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { answer: true } },
      { id: "hello", type: "announcement", position: { x: 0, y: 100 }, data: { prompt: { text: { en: greeting } }, bargeIn: false } },
      { id: "bye", type: "hangup", position: { x: 0, y: 200 }, data: { cause: "NORMAL_CLEARING" } },
    ],
    edges: [
      { id: "e1", source: "start", sourceOutlet: "next", target: "hello" },
      { id: "e2", source: "hello", sourceOutlet: "next", target: "bye" },
    ],
  } as FlowDocument;
}

/** Parses fine but does not compile: an edge leads to a node that does not exist. */
export function brokenFlow(name: string): FlowDocument {
  const flow = greetingFlow(name);
  flow.edges[1] = { id: "e2", source: "hello", sourceOutlet: "next", target: "ghost" };
  return flow;
}
