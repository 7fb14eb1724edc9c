import { TRPCError } from "@trpc/server";
import { Prisma, type Flow, type PrismaClient } from "@switchboard/db";
import { checkScenarioNames, FLOW_SCHEMA_VERSION, formatPath, makeDiagnostic, nodeRegistry, parseFlowDocument, ScenarioSchema, type Diagnostic, type FlowDocument, type Scenario } from "@switchboard/flows";
import { DiagnosticsError } from "../../errors.js";
import type { FlowRefInput } from "./inputs.js";
import { withStoredScenarios } from "../../compile/compile-task.js";

type Db = PrismaClient | Prisma.TransactionClient;

export async function loadFlow(db: Db, ref: FlowRefInput): Promise<Flow> {
  const flow = "flowId" in ref
    ? await db.flow.findUnique({ where: { id: ref.flowId } })
    : await db.flow.findUnique({ where: { name: ref.name } });
  if (!flow) {
    const what = "flowId" in ref ? `id ${ref.flowId}` : `name "${ref.name}"`;
    throw new TRPCError({ code: "NOT_FOUND", message: `No flow with ${what}` });
  }
  return flow;
}

/** Like {@link loadFlow}, without the draft document (publishing reads and compiles it off the event loop). */
export async function loadFlowWithoutDraft(db: Db, ref: FlowRefInput): Promise<Omit<Flow, "draftDocument">> {
  const flow = "flowId" in ref
    ? await db.flow.findUnique({ where: { id: ref.flowId }, omit: { draftDocument: true } })
    : await db.flow.findUnique({ where: { name: ref.name }, omit: { draftDocument: true } });
  if (!flow) {
    const what = "flowId" in ref ? `id ${ref.flowId}` : `name "${ref.name}"`;
    throw new TRPCError({ code: "NOT_FOUND", message: `No flow with ${what}` });
  }
  return flow;
}

/**
 * The CONFLICT for a draft save made on top of `baseRevision` after someone else saved: who, when, which revision.
 */
export async function draftConflict(db: Db, flow: Pick<Flow, "id" | "name">, baseRevision: number): Promise<TRPCError> {
  const current = await db.flow.findUniqueOrThrow({ where: { id: flow.id }, include: { draftSavedBy: true } });
  return new TRPCError({
    code: "CONFLICT",
    message:
      `Draft of "${flow.name}" was saved by ${displayName(current.draftSavedBy)} at ${current.draftSavedAt.toISOString()} ` +
      `(revision ${current.draftRevision}) after you opened revision ${baseRevision}; reload it and reapply your changes`,
  });
}

/**
 * The CONFLICT for a scenario save made on top of `baseScenariosRevision` after someone else saved scenarios.
 */
export async function scenariosConflict(db: Db, flow: Pick<Flow, "id" | "name">, baseScenariosRevision: number): Promise<TRPCError> {
  const current = await db.flow.findUniqueOrThrow({ where: { id: flow.id }, include: { scenariosSavedBy: true } });
  const at = current.scenariosSavedAt ? ` at ${current.scenariosSavedAt.toISOString()}` : "";
  return new TRPCError({
    code: "CONFLICT",
    message:
      `Scenarios of "${flow.name}" were changed by ${displayName(current.scenariosSavedBy)}${at} ` +
      `(scenarios revision ${current.scenariosRevision}) after you opened scenarios revision ${baseScenariosRevision}; reload them and reapply your changes`,
  });
}

/** Reads a stored scenario list through the flows `ScenarioSchema`. */
export function storedScenarios(json: Prisma.JsonValue, where: string): Scenario[] {
  const parsed = ScenarioSchema.array().safeParse(json);
  if (parsed.success) return parsed.data;
  const diagnostics = parsed.error.issues.map((issue) => makeDiagnostic("SB001.schema", { path: `scenarios${formatPath(issue.path)}` }, { detail: issue.message }));
  throw new DiagnosticsError(`Stored scenarios of ${where} no longer parse`, diagnostics);
}

/**
 * A flow's draft as one document: the nodes part from `draft_document` with the scenarios from `draft_scenarios`,
 * read together through the flow model (so a document migration reaches the scenarios too).
 */
export function storedDraft(flow: Pick<Flow, "name" | "draftDocument" | "draftScenarios">): FlowDocument {
  return storedDocument(withStoredScenarios(flow.draftDocument, flow.draftScenarios) as Prisma.JsonValue, `flow "${flow.name}"`);
}

/** The nodes part of a document as `draft_document` stores it: everything but the scenarios. */
export function nodesPart(document: FlowDocument): Omit<FlowDocument, "scenarios"> {
  const { scenarios: _apart, ...rest } = document;
  return rest;
}

/** BAD_REQUEST listing every problem of a scenario list by path (schema problems, duplicate names SB011). */
export function scenarioProblems(problems: readonly Diagnostic[]): TRPCError {
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `The scenarios have ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems
      .slice(0, 3)
      .map((d) => `${d.path}: ${d.message}`)
      .join("; ")}${problems.length > 3 ? "; …" : ""}`,
    cause: new DiagnosticsError("invalid scenarios", [...problems]),
  });
}

/** Refuses two scenarios with the same name (SB011, at the later one, naming the first). */
export function requireUniqueScenarioNames(scenarios: readonly Scenario[], pathPrefix = "scenarios"): void {
  const duplicates = checkScenarioNames(scenarios, pathPrefix);
  if (duplicates.length > 0) throw scenarioProblems(duplicates);
}

/** Reads a stored document through the flow model, migrating it if it was saved by an older schema version. */
export function storedDocument(json: Prisma.JsonValue, where: string): FlowDocument {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) throw new DiagnosticsError(`Stored document of ${where} no longer parses`, parsed.diagnostics);
  return parsed.document;
}

/** Parses an incoming document, or rejects it with every problem listed by path. */
export function parseIncomingDocument(input: unknown, pathPrefix = ""): FlowDocument {
  const parsed = parseFlowDocument(input);
  if (parsed.ok) return parsed.document;
  throw invalidDocumentError(parsed.diagnostics, pathPrefix);
}

/** The BAD_REQUEST for an incoming document that does not parse, its problems listed by path. */
export function invalidDocumentError(problems: readonly Diagnostic[], pathPrefix = ""): TRPCError {
  const diagnostics = problems.map((d) => ({ ...d, path: pathPrefix + d.path }));
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `The flow document has ${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"}: ${diagnostics
      .slice(0, 3)
      .map((d) => `${d.path}: ${d.message}`)
      .join("; ")}${diagnostics.length > 3 ? "; …" : ""}`,
    cause: new DiagnosticsError("invalid flow document", diagnostics),
  });
}

/** The draft a new flow starts with: a start node and nothing else. */
export function emptyDocument(name: string, description: string): FlowDocument {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    name,
    description,
    languages: ["en"],
    variables: [],
    nodes: [{ id: "start", type: "start", position: { x: 0, y: 0 }, data: nodeRegistry.start.defaults() }],
    edges: [],
  } as FlowDocument;
}

export function asJson(document: FlowDocument | object): Prisma.InputJsonValue {
  return document as unknown as Prisma.InputJsonValue;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function displayName(user: { displayName: string; email: string } | null | undefined): string {
  return user ? `${user.displayName} <${user.email}>` : "someone";
}
