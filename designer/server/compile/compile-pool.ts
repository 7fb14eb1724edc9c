import { availableParallelism } from "node:os";
import type { CompileResult, FlowDocument, Scenario } from "@switchboard/flows";
import Tinypool from "tinypool";
import type { Prisma, PrismaClient } from "@switchboard/db";
import { DiagnosticsError } from "../errors.js";
import { invalidDocumentError } from "../routers/flows/load.js";

type Db = PrismaClient | Prisma.TransactionClient;
import type { CompileAnswer, CompileJob, ParsedAndCompiled, ParsedDocumentAnswer } from "./compile-task.js";

export type { ParsedAndCompiled } from "./compile-task.js";

/**
 * Parsing, compiling and linting a large flow takes seconds (20,000 nodes: about 6 s) of pure CPU. Done on the
 * API's event loop it stalls every other request, `/healthz` included, for that long, so it runs here, in a small
 * pool of worker threads (idle workers exit after a minute and never keep the process alive).
 */
let pool: Tinypool | undefined;

function compilePool(): Tinypool {
  pool ??= new Tinypool({
    filename: new URL("./compile-worker.mjs", import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeout: 60_000,
  });
  return pool;
}

/** `parseFlowDocument` + `compileFlow` of `json` in a worker thread; the same diagnostics and hash as inline. */
export async function parseAndCompileOffLoop(json: unknown): Promise<ParsedAndCompiled> {
  return JSON.parse((await compileAnswer({ documentJson: JSON.stringify(json), scenariosJson: null, headOnly: false })).outcome) as ParsedAndCompiled;
}

function compileAnswer(job: CompileJob): Promise<CompileAnswer> {
  return compilePool().run(job) as Promise<CompileAnswer>;
}

/**
 * The document with `nodes` and `edges` parsed from `documentJson` only when first read: publishing mostly needs
 * the document's head (its scenarios), and parsing a 20,000-node document costs the event loop half a second.
 */
function lazyDocument(head: Omit<FlowDocument, "nodes" | "edges">, documentJson: string): FlowDocument {
  let full: FlowDocument | undefined;
  const parse = (): FlowDocument => (full ??= JSON.parse(documentJson) as FlowDocument);
  const document = { ...head } as FlowDocument;
  for (const key of ["nodes", "edges"] as const) {
    Object.defineProperty(document, key, { enumerable: true, configurable: true, get: () => parse()[key] });
  }
  return document;
}

/** An incoming document, parsed off the event loop: its name, description and the parsed document as JSON text. */
export interface IncomingDocument {
  readonly name: string;
  readonly description: string;
  /** The document without its scenarios, as JSON text (`draft_document`). */
  readonly nodesJson: string;
  readonly scenarios: Scenario[];
}

/** `parseIncomingDocument` in a worker thread: the same BAD_REQUEST with every problem for a document that does not parse. */
export async function parseIncomingOffLoop(input: unknown, pathPrefix = ""): Promise<IncomingDocument> {
  const answer = (await compilePool().run(JSON.stringify(input) ?? "null", { name: "parseDocumentJson" })) as ParsedDocumentAnswer;
  if (!answer.parsed) throw invalidDocumentError(answer.diagnostics, pathPrefix);
  return { name: answer.name, description: answer.description, nodesJson: answer.nodesJson, scenarios: answer.scenarios };
}

/** Stops the workers (tests, shutdown); the next compile starts them again. */
export async function closeCompilePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}

/** A stored draft, parsed and compiled, with both also as JSON text for storing them as a version. */
export interface CompiledDraft {
  readonly document: FlowDocument;
  readonly result: CompileResult;
  readonly documentJson: string;
  /** Null when the draft does not compile. */
  readonly compiledJson: string | null;
}

/**
 * The draft of flow `flowId`, read as text, parsed and compiled off the event loop; throws
 * {@link DiagnosticsError} like `storedDocument` when it no longer parses.
 */
export async function compileDraft(db: Db, flowId: string, where: string): Promise<CompiledDraft> {
  // Read as text: Prisma would parse the document into objects on this thread only for us to send it away.
  // The draft's scenarios live in their own column (their own revision); the document compiled is both together.
  const [row] = await db.$queryRaw<{ draft: string; scenarios: string | null }[]>`
    SELECT draft_document::text AS draft, draft_scenarios::text AS scenarios FROM flows WHERE id = ${flowId}::uuid`;
  if (!row) throw new Error(`flow ${flowId} disappeared while compiling its draft`);
  const answer = await compileAnswer({ documentJson: row.draft, scenariosJson: row.scenarios, headOnly: true });
  const outcome = JSON.parse(answer.outcome) as ParsedAndCompiled;
  if (!outcome.parsed || answer.documentJson === null) throw new DiagnosticsError(`Stored document of ${where} no longer parses`, outcome.parsed ? [] : outcome.diagnostics);
  return { document: lazyDocument(outcome.document, answer.documentJson), result: outcome.result, documentJson: answer.documentJson, compiledJson: answer.compiledJson };
}
