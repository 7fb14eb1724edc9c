import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** Line and column (1-based) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parse `nodes[3].data.options[1].digit` into JSON path segments. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

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
