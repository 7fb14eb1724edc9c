import { compileFlow, parseFlowDocument, type CompileResult, type Diagnostic, type FlowDocument, type Scenario } from "@switchboard/flows";

/** What parsing an incoming document gives: its name and description, and the parsed document as JSON text. */
export type ParsedDocumentAnswer =
  | {
      readonly parsed: true;
      readonly name: string;
      readonly description: string;
      /** The parsed document without its scenarios, as `draft_document` stores it (scenarios have their own column). */
      readonly nodesJson: string;
      readonly scenarios: Scenario[];
    }
  | { readonly parsed: false; readonly diagnostics: Diagnostic[] };

/** `parseFlowDocument` of a document sent as JSON text (a draft being saved), in a worker (a named task). */
export function parseDocumentJson(documentJson: string): ParsedDocumentAnswer {
  const parsed = parseFlowDocument(JSON.parse(documentJson));
  if (!parsed.ok) return { parsed: false, diagnostics: parsed.diagnostics };
  const { scenarios = [], ...nodesPart } = parsed.document;
  return { parsed: true, name: parsed.document.name, description: parsed.document.description, nodesJson: JSON.stringify(nodesPart), scenarios };
}

/** What parsing and compiling a stored or incoming document gives: the same values the API computed inline before. */
export type ParsedAndCompiled =
  | { readonly parsed: true; readonly document: FlowDocument; readonly result: CompileResult }
  | { readonly parsed: false; readonly diagnostics: Diagnostic[] };

/**
 * `parseFlowDocument` then `compileFlow`, exactly as the handlers called them; runs in a compile worker (and
 * inline in tests that compare the two).
 */
export function parseAndCompile(json: unknown): ParsedAndCompiled {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) return { parsed: false, diagnostics: parsed.diagnostics };
  return { parsed: true, document: parsed.document, result: compileFlow(parsed.document) };
}

/** What a compile worker answers: everything as JSON text (see {@link parseAndCompileJson}). */
export interface CompileAnswer {
  /** {@link ParsedAndCompiled} as JSON; with `headOnly`, the document in it lacks `nodes` and `edges`. */
  readonly outcome: string;
  /** The parsed document and the compiled flow as JSON, ready to store without serialising them again. */
  readonly documentJson: string | null;
  readonly compiledJson: string | null;
}

/** A compile job: the document as JSON text; `headOnly` leaves the (large) nodes and edges out of `outcome`. */
export interface CompileJob {
  readonly documentJson: string;
  /** A stored draft's scenarios (`draft_scenarios`), put into the document as `storedDraft` does; null: none. */
  readonly scenariosJson: string | null;
  readonly headOnly: boolean;
}

/** The stored draft's nodes part with its scenarios, exactly as `storedDraft` in routers/flows/load.ts joins them. */
export function withStoredScenarios(document: unknown, scenarios: unknown): unknown {
  const joinable = Array.isArray(scenarios) && scenarios.length > 0 && document !== null && typeof document === "object" && !Array.isArray(document);
  return joinable ? { ...document, scenarios } : document;
}

/**
 * The worker's task (tinypool calls the default export). Document in and results out travel as JSON text: a
 * string crosses between threads as one copy, while structured cloning a 20,000-node document object costs the
 * API's event loop most of a second.
 */
export default function parseAndCompileJson(job: CompileJob): CompileAnswer {
  const document = JSON.parse(job.documentJson) as unknown;
  const outcome = parseAndCompile(job.scenariosJson === null ? document : withStoredScenarios(document, JSON.parse(job.scenariosJson)));
  if (!outcome.parsed) return { outcome: JSON.stringify(outcome), documentJson: null, compiledJson: null };
  const { nodes: _nodes, edges: _edges, ...head } = outcome.document;
  return {
    outcome: JSON.stringify(job.headOnly ? { ...outcome, document: head } : outcome),
    documentJson: JSON.stringify(outcome.document),
    compiledJson: outcome.result.compiled ? JSON.stringify(outcome.result.compiled) : null,
  };
}
