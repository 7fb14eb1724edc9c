import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { parseFlowDocument } from '../document/parse.js';
import { DIAGNOSTIC_CODES } from './codes.js';
import { DiagnosticSink, type Diagnostic } from './diagnostic.js';
import { codeOfMessage, DIAGNOSTIC_MESSAGES, placeholdersOf, renderDiagnosticMessage, type DiagnosticMessageId } from './messages.js';

const ids = Object.keys(DIAGNOSTIC_MESSAGES) as DiagnosticMessageId[];
const workspace = new URL('../../../', import.meta.url).pathname;

/** Every non-test TypeScript file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'generated' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A diagnostic's message must be exactly its template rendered with its params: nothing can say something else. */
function expectSingleSourced(d: Diagnostic): void {
  expect(d.messageId, `${d.code} "${d.message}" has no message id`).toBeDefined();
  const id = d.messageId as DiagnosticMessageId;
  expect(codeOfMessage(id)).toBe(d.code);
  expect(renderDiagnosticMessage(id, d.params ?? {})).toBe(d.message);
  expect(Object.keys(d.params ?? {}).sort()).toEqual(placeholdersOf(DIAGNOSTIC_MESSAGES[id]).sort());
  if (d.hintId) expect(renderDiagnosticMessage(d.hintId, d.params ?? {})).toBe(d.hint);
}

describe('diagnostic message catalog', () => {
  it('names each message <code>.<name> after a code of the catalog', () => {
    for (const id of ids) {
      expect(id, id).toMatch(/^SB\d{3}\.[a-z][A-Za-z0-9]*$/);
      expect(DIAGNOSTIC_CODES, id).toHaveProperty(codeOfMessage(id));
    }
  });

  it('has only well-formed {{name}} placeholders, so a translation can carry them over', () => {
    for (const id of ids) {
      const rest = DIAGNOSTIC_MESSAGES[id].replace(/\{\{\w+\}\}/g, '');
      expect(rest, id).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('renders a template with its values and refuses to render one with a value missing', () => {
    expect(renderDiagnosticMessage('SB141.duplicateKey', { key: 'vip', first: 1, second: 3 })).toBe('branch key "vip" is used by branches 1 and 3');
    expect(renderDiagnosticMessage('SB140.total', { total: 99.5 })).toBe('percentages add up to 99.5%, not 100%');
    // A value that looks like a replacement pattern is inserted as it is.
    expect(renderDiagnosticMessage('SB133.undeclaredPlaceholder', { placeholder: '${$&}' })).toBe('${$&} is not a declared variable');
    expect(() => renderDiagnosticMessage('SB141.duplicateKey', { key: 'vip', first: 1 })).toThrow('SB141.duplicateKey needs a value for {{second}}');
  });

  it('gives every report the code, message id, params and English of its template', () => {
    const sink = new DiagnosticSink();
    sink.report('SB191.outcomeNotListed', { nodeId: 'n1', path: 'flows["a"]' }, { callee: 'b', outcome: 'paid', node: 'n1', flow: 'a' }, { hint: 'SB191.outcomeNotListedHint' });
    expect(sink.items).toEqual([
      {
        code: 'SB191',
        severity: DIAGNOSTIC_CODES.SB191.severity,
        nodeId: 'n1',
        path: 'flows["a"]',
        message: 'sub-flow "b" can return "paid", which sub-flow node n1 of "a" does not list',
        hint: 'Add "paid" to the node\'s outcomes, or change the sub-flow\'s Return node.',
        messageId: 'SB191.outcomeNotListed',
        hintId: 'SB191.outcomeNotListedHint',
        params: { callee: 'b', outcome: 'paid', node: 'n1', flow: 'a' },
      },
    ]);
  });

  it('every message id is reported somewhere (no template is dead, none is left untranslatable)', () => {
    const catalog = join(workspace, 'flows/src/diagnostics/messages.ts');
    const files = [...sources(join(workspace, 'flows/src')), ...sources(join(workspace, 'designer/server'))].filter((file) => file !== catalog);
    const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = ids.filter((id) => !text.includes(`'${id}'`) && !text.includes(`"${id}"`));
    expect(unused).toEqual([]);
  });

  it('every report call in flows/src names a message, never a bare code or an English sentence', () => {
    for (const file of sources(join(workspace, 'flows/src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\.report\(\s*(['"`])([^'"`]*)\1/g)) {
        expect(ids, `${file}: report(${match[1]}${match[2]}${match[1]}`).toContain(match[2]);
      }
    }
  });

  it('the diagnostics of every fixture flow say exactly their rendered template', () => {
    const root = join(workspace, 'flows/test/fixtures');
    let checked = 0;
    for (const dir of ['good', 'bad']) {
      for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.json'))) {
        const parsed = parseFlowDocument(JSON.parse(readFileSync(join(root, dir, file), 'utf8')));
        const diagnostics = parsed.ok ? compileFlow(parsed.document).diagnostics : parsed.diagnostics;
        for (const d of diagnostics) {
          expectSingleSourced(d);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
