import { TRPCError } from "@trpc/server";
import { Prisma, type Flow, type PrismaClient } from "@switchboard/db";
import { FLOW_SCHEMA_VERSION, nodeRegistry, parseFlowDocument, type FlowDocument } from "@switchboard/flows";
import { DiagnosticsError } from "../../errors.js";
import type { FlowRefInput } from "./inputs.js";

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

/**
 * The CONFLICT for a draft save made on top of `baseRevision` after someone else saved: who, when, which revision.
 */
export async function draftConflict(db: Db, flow: Flow, baseRevision: number): Promise<TRPCError> {
  const current = await db.flow.findUniqueOrThrow({ where: { id: flow.id }, include: { draftSavedBy: true } });
  return new TRPCError({
    code: "CONFLICT",
    message:
      `Draft of "${flow.name}" was saved by ${displayName(current.draftSavedBy)} at ${current.draftSavedAt.toISOString()} ` +
      `(revision ${current.draftRevision}) after you opened revision ${baseRevision}; reload it and reapply your changes`,
  });
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
  const diagnostics = parsed.diagnostics.map((d) => ({ ...d, path: pathPrefix + d.path }));
  throw new TRPCError({
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
