import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineColumn, pathSegments } from '../src/index.js';

/** A JSON file kept with its syntax tree, so diagnostics can point at lines. */
export class JsonSource {
  readonly tree: Node | undefined;
  readonly errors: ParseError[] = [];

  constructor(readonly text: string) {
    this.tree = parseTree(text, this.errors, { allowTrailingComma: false, disallowComments: true });
  }

  /** The first syntax error with its position, or null. */
  syntaxError(): { line: number; column: number; message: string } | null {
    const first = this.errors[0];
    if (!first) return null;
    return { ...lineColumn(this.text, first.offset), message: `invalid JSON (${printParseErrorCode(first.error)})` };
  }

  /** Where a diagnostic path points; falls back to the closest existing parent. */
  locate(path: string): { line: number; column: number } | null {
    if (!this.tree) return null;
    const segments = pathSegments(path);
    for (let length = segments.length; length >= 0; length--) {
      const node = findNodeAtLocation(this.tree, segments.slice(0, length));
      if (node) return lineColumn(this.text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
    }
    return null;
  }
}
