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

/** A flow that greets through the sub-flow "Greeting" and then hangs up. */
export function callsGreeting(name: string): FlowDocument {
  return {
    ...greetingFlow(name),
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { answer: true } },
      { id: "greet", type: "subflow", position: { x: 0, y: 100 }, data: { flow: "Greeting", outcomes: ["done"] } },
      { id: "bye", type: "hangup", position: { x: 0, y: 200 }, data: { cause: "NORMAL_CLEARING" } },
    ],
    edges: [
      { id: "e1", source: "start", sourceOutlet: "next", target: "greet" },
      { id: "e2", source: "greet", sourceOutlet: "done", target: "bye" },
      { id: "e3", source: "greet", sourceOutlet: "failed", target: "bye" },
    ],
  } as FlowDocument;
}

/** The sub-flow "Greeting": says `words`, then returns "done". */
export function greetingSubflow(words: string): FlowDocument {
  return {
    ...greetingFlow("Greeting"),
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { answer: true } },
      { id: "hello", type: "announcement", position: { x: 0, y: 100 }, data: { prompt: { text: { en: words } }, bargeIn: false } },
      { id: "back", type: "return", position: { x: 0, y: 200 }, data: { outcome: "done" } },
    ],
    edges: [
      { id: "e1", source: "start", sourceOutlet: "next", target: "hello" },
      { id: "e2", source: "hello", sourceOutlet: "next", target: "back" },
    ],
  } as FlowDocument;
}

/** A flow whose schedule names `calendars`: start → schedule → hangups for open / closed / holiday / emergency. */
export function scheduleFlow(name: string, calendars: string[], timezone = "Asia/Shanghai"): FlowDocument {
  const hours = [{ open: "09:00", close: "18:00" }];
  const routes = ["open", "closed", "holiday", "emergency"];
  return {
    ...greetingFlow(name),
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { answer: true } },
      {
        id: "hours",
        type: "schedule",
        position: { x: 0, y: 100 },
        data: { timezone, weekly: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: [], sunday: [] }, holidays: [], emergencyOverride: false, calendars },
      },
      ...routes.map((route, i) => ({ id: route, type: "hangup", position: { x: 200 * i, y: 200 }, data: { cause: "NORMAL_CLEARING" } })),
    ],
    edges: [{ id: "e0", source: "start", sourceOutlet: "next", target: "hours" }, ...routes.map((route) => ({ id: `e-${route}`, source: "hours", sourceOutlet: route, target: route }))],
  } as FlowDocument;
}

/** A small national calendar (China 2027): the Spring Festival range and one make-up working day. */
export function cnCalendar(extra: Array<Record<string, unknown>> = []) {
  return {
    name: "CN-2027",
    timezone: "Asia/Shanghai",
    entries: [
      { kind: "closed", name: "Spring Festival", date: "2027-02-06", until: "2027-02-13" },
      { kind: "workday", name: "Spring Festival make-up working day", date: "2027-02-20", as: "friday" },
      ...extra,
    ],
  };
}
