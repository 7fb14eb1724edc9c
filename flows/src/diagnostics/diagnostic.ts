import type { DiagnosticCode } from './codes.js';
import { DIAGNOSTIC_CODES } from './codes.js';
import { codeOfMessage, renderDiagnosticMessage, type DiagnosticMessageId, type DiagnosticMessageParams, type MessageParam } from './messages.js';

/** How bad a finding is: errors block publishing, warnings do not. */
export type Severity = 'error' | 'warning';

/**
 * One finding about a flow document: numbered, located (node id + field path) and with a fix hint.
 * `path` is a dotted/bracketed path into the document, e.g. `nodes[3].data.options[1].digit`.
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  nodeId?: string;
  path: string;
  /** The English sentence, rendered from {@link messageId}'s template with {@link params}. */
  message: string;
  hint?: string;
  /**
   * Which sentence this is (`SB141.duplicateKey`, see `DIAGNOSTIC_MESSAGES`), so a UI can say it in its own
   * language with {@link params}. Absent only on diagnostics made outside a {@link DiagnosticSink} (older data).
   */
  messageId?: DiagnosticMessageId;
  /** The values filled into the message (and a specific hint): names, counts, keys. */
  params?: Record<string, MessageParam>;
  /** Set when {@link hint} is specific to this finding rather than the code's catalog hint; rendered with {@link params}. */
  hintId?: DiagnosticMessageId;
}

/** What a report may change besides the catalog defaults: a severity, or a specific hint (a message id using the same params). */
export interface ReportOverrides {
  severity?: Severity;
  hint?: DiagnosticMessageId;
}

/** One diagnostic, built as {@link DiagnosticSink.report} builds it (for code outside a check that makes a single finding). */
export function makeDiagnostic<Id extends DiagnosticMessageId>(
  id: Id,
  at: { nodeId?: string; path: string },
  params: DiagnosticMessageParams<Id>,
  overrides?: ReportOverrides,
): Diagnostic {
  const code = codeOfMessage(id);
  const entry = DIAGNOSTIC_CODES[code];
  const values: Record<string, MessageParam> = { ...params };
  const diagnostic: Diagnostic = {
    code,
    severity: overrides?.severity ?? entry.severity,
    path: at.path,
    message: renderDiagnosticMessage(id, values),
  };
  if (at.nodeId !== undefined) diagnostic.nodeId = at.nodeId;
  if (overrides?.hint !== undefined) {
    diagnostic.hint = renderDiagnosticMessage(overrides.hint, values);
    diagnostic.hintId = overrides.hint;
  } else if ('hint' in entry && entry.hint) diagnostic.hint = entry.hint;
  diagnostic.messageId = id;
  diagnostic.params = values;
  return diagnostic;
}

/** Collects diagnostics while a document is checked, compiled or linted. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  /**
   * Report a finding: `id` names the sentence (its code is the id's prefix, severity and hint default to that
   * code's catalog entry) and `params` are exactly the values its template needs.
   */
  report<Id extends DiagnosticMessageId>(id: Id, at: { nodeId?: string; path: string }, params: DiagnosticMessageParams<Id>, overrides?: ReportOverrides): void {
    this.items.push(makeDiagnostic(id, at, params, overrides));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Errors first, then by path, so output is stable and the blocking problems come first. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => {
    if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
    if (a.path !== b.path) return a.path < b.path ? -1 : 1;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** One line per diagnostic, as the CLI and logs print them. */
export function formatDiagnostic(d: Diagnostic, file?: string): string {
  const where = [file, d.nodeId ? `node ${d.nodeId}` : undefined, d.path].filter(Boolean).join(' ');
  return `${where}: ${d.severity} ${d.code} ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;
}
