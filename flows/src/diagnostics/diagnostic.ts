import type { DiagnosticCode } from './codes.js';
import { DIAGNOSTIC_CODES } from './codes.js';

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
  message: string;
  hint?: string;
}

/** Collects diagnostics while a document is checked, compiled or linted. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  /**
   * Report a finding. Severity and hint default to the code's catalog entry; `message` completes the
   * catalog's title with the specifics (counts, names).
   */
  report(code: DiagnosticCode, at: { nodeId?: string; path: string }, message: string, overrides?: { severity?: Severity; hint?: string }): void {
    const entry = DIAGNOSTIC_CODES[code];
    const diagnostic: Diagnostic = {
      code,
      severity: overrides?.severity ?? entry.severity,
      path: at.path,
      message,
    };
    if (at.nodeId !== undefined) diagnostic.nodeId = at.nodeId;
    const hint = overrides?.hint ?? entry.hint;
    if (hint) diagnostic.hint = hint;
    this.items.push(diagnostic);
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
