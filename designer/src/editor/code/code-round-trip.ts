import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { canonicalJson, lineColumn, parseFlowDocument, pathSegments, type Diagnostic, type FlowDocument } from '@switchboard/flows';

/** A problem in the code view's text, located for the editor (1-based line and column). */
export interface TextProblem {
  message: string;
  line: number;
  column: number;
  /** Length of the text to underline. */
  length: number;
  code?: string;
  /** Where in the document, e.g. `nodes[3].data.timeoutSeconds`. */
  path?: string;
  /** For a diagnostic: which sentence `message` is and its values, to say it in the UI language. */
  messageId?: Diagnostic['messageId'];
  params?: Diagnostic['params'];
}

export type TextParse = { ok: true; document: FlowDocument } | { ok: false; problems: TextProblem[] };

/** The document as the code view shows it: plain JSON, two-space indent. */
export function documentToText(document: FlowDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The text node a document path points at, or its closest existing ancestor (a missing field's parent). */
function locate(tree: Node, path: string): Node {
  const segments = pathSegments(path);
  for (let length = segments.length; length > 0; length--) {
    const node = findNodeAtLocation(tree, segments.slice(0, length));
    if (node) return node.parent?.type === 'property' ? node.parent : node;
  }
  return tree;
}

/**
 * Read the code view's text: JSON syntax first, then the flow schema (with migrations), each problem located
 * in the text. Only a text that passes both becomes a document; otherwise the text is kept as typed.
 */
export function parseDocumentText(text: string): TextParse {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const problems = errors.map((error) => ({ message: printParseErrorCode(error.error), length: Math.max(1, error.length), ...lineColumn(text, error.offset) }));
    return { ok: false, problems: problems.length > 0 ? problems : [{ message: 'ValueExpected', line: 1, column: 1, length: 1 }] };
  }
  const parsed = parseFlowDocument(JSON.parse(text));
  if (parsed.ok) return { ok: true, document: parsed.document };
  return {
    ok: false,
    problems: parsed.diagnostics.map((diagnostic) => {
      const node = locate(tree, diagnostic.path === '(document)' ? '' : diagnostic.path);
      const { message, messageId, params, code, path } = diagnostic;
      return { message, code, path, ...(messageId ? { messageId, params } : {}), length: Math.max(1, node.length), ...lineColumn(text, node.offset) };
    }),
  };
}

/** Whether two documents say the same thing (key order and formatting aside). */
export function sameDocument(a: FlowDocument, b: FlowDocument): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/**
 * What to do with the code view's text when the document changes elsewhere (canvas, undo):
 * `keep` when the text already says the same; `replace` when the text was valid (nothing is lost);
 * `conflict` when the text has unsaved, invalid edits: they are kept, and the user chooses.
 */
export function reconcileText(text: string, document: FlowDocument): 'keep' | 'replace' | 'conflict' {
  const parsed = parseDocumentText(text);
  if (!parsed.ok) return 'conflict';
  return sameDocument(parsed.document, document) ? 'keep' : 'replace';
}
