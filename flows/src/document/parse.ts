import type { z } from 'zod';
import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { NODE_TYPES } from '../nodes/registry.js';
import { migrateDocument, type MigrationFailure } from './migrations.js';
import { assertNever } from '../util/assert-never.js';
import { FLOW_SCHEMA_VERSION, FlowDocumentSchema, type FlowDocument } from './schema.js';

/**
 * The deepest nesting of objects and arrays a flow document may have. Real documents nest under 15 levels
 * (nodes[i].data.options[j].prompt.text.en); the limit keeps hostile input (depth 100,000) from overflowing the
 * stack of the structured clone, schema and field walks that follow.
 */
export const MAX_DOCUMENT_DEPTH = 64;

/**
 * The path of the first value nested deeper than `maxDepth` (root = depth 0), or null. Iterative: a depth-100,000
 * input costs a loop, not a stack overflow.
 */
export function pathDeeperThan(input: unknown, maxDepth: number): string | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length > maxDepth) return formatPath(path);
    const push = (key: PropertyKey, item: unknown) => {
      if (item !== null && typeof item === 'object') stack.push({ value: item, path: [...path, key] });
    };
    // An index loop, not `map`: `map` skips the holes of a sparse array (a hole is simply not deep).
    if (Array.isArray(value)) for (let index = 0; index < value.length; index++) push(index, value[index]);
    else for (const key of Object.keys(value)) push(key, (value as Record<string, unknown>)[key]);
  }
  return null;
}

export type ParseResult = { ok: true; document: FlowDocument; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** `nodes[3].data.options[1].digit` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(document)' : out;
}

function nodeIdAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const nodes = (raw as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return undefined;
  const id = (nodes[path[1]] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function reportIssue(issue: z.core.$ZodIssue, at: { nodeId?: string; path: string }, sink: DiagnosticSink): void {
  const unknownType =
    (issue.code === 'invalid_union' && issue.path.at(-1) === 'type') || (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator');
  if (unknownType) sink.report('SB001.unknownNodeType', at, { types: NODE_TYPES.join(', ') });
  else sink.report('SB001.schema', at, { detail: issue.message });
}

function reportMigrationFailure(failure: MigrationFailure, sink: DiagnosticSink): void {
  const at = { path: 'schemaVersion' };
  switch (failure.kind) {
    case 'versionNotInteger':
      return sink.report('SB002.versionNotInteger', at, {});
    case 'versionTooNew':
      return sink.report('SB002.versionTooNew', at, { version: failure.version, supported: failure.target });
    case 'noMigration':
      return sink.report('SB002.noMigration', at, { from: failure.from, to: failure.from + 1 });
    default:
      return assertNever(failure);
  }
}

/**
 * Read a flow document from untrusted JSON: migrate it to the current schema version and validate it.
 * Every problem is reported with its path; nothing throws.
 */
export function parseFlowDocument(input: unknown): ParseResult {
  const sink = new DiagnosticSink();
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    sink.report('SB001.notAnObject', { path: '(document)' }, {});
    return { ok: false, diagnostics: sink.items };
  }
  const raw = input as Record<string, unknown>;
  const tooDeep = pathDeeperThan(raw, MAX_DOCUMENT_DEPTH);
  if (tooDeep !== null) {
    sink.report('SB012.tooDeep', { path: tooDeep }, { max: MAX_DOCUMENT_DEPTH });
    return { ok: false, diagnostics: sink.items };
  }
  const migrated = migrateDocument(raw, FLOW_SCHEMA_VERSION);
  if (!migrated.ok) {
    reportMigrationFailure(migrated.failure, sink);
    return { ok: false, diagnostics: sink.items };
  }
  const parsed = FlowDocumentSchema.safeParse(migrated.document);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const nodeId = nodeIdAt(migrated.document, issue.path);
      const at = nodeId === undefined ? { path: formatPath(issue.path) } : { nodeId, path: formatPath(issue.path) };
      reportIssue(issue, at, sink);
    }
    return { ok: false, diagnostics: sink.items };
  }
  const document = parsed.data as FlowDocument;
  reportUnknownFields(migrated.document, document, [], sink);
  return { ok: true, document, diagnostics: sink.items };
}

/**
 * Fields the schema does not know are dropped on parse; a misspelt field in a hand-edited file would vanish
 * silently, so each one is reported (SB010, a warning) with its path.
 */
function reportUnknownFields(raw: unknown, parsed: unknown, path: PropertyKey[], sink: DiagnosticSink, root: unknown = raw): void {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    raw.forEach((item, index) => reportUnknownFields(item, parsed[index], [...path, index], sink, root));
    return;
  }
  if (raw === null || typeof raw !== 'object' || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
  for (const key of Object.keys(raw)) {
    const childPath = [...path, key];
    if (!Object.prototype.hasOwnProperty.call(parsed, key)) {
      const nodeId = nodeIdAt(root, childPath);
      const where = formatPath(childPath);
      sink.report('SB010.unknownField', nodeId === undefined ? { path: where } : { nodeId, path: where }, { field: key });
    } else {
      reportUnknownFields((raw as Record<string, unknown>)[key], (parsed as Record<string, unknown>)[key], childPath, sink, root);
    }
  }
}
