import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_DEPTH, parseFlowDocument, pathDeeperThan } from './parse.js';

const minimal = {
  schemaVersion: 1,
  name: 'Main line',
  languages: ['en'],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'bye', type: 'hangup', position: { x: 0, y: 100 }, data: {} },
  ],
  edges: [{ id: 'e1', source: 'start', sourceOutlet: 'next', target: 'bye' }],
};

describe('pathDeeperThan', () => {
  it('walks sparse arrays (holes are not deep) without throwing', () => {
    const sparse: unknown[] = [];
    sparse[18] = { a: { b: {} } };
    expect(pathDeeperThan({ nodes: sparse }, 64)).toBeNull();
    expect(pathDeeperThan({ nodes: sparse }, 2)).toBe('nodes[18].a');
    expect(parseFlowDocument({ ...minimal, nodes: sparse }).ok).toBe(false);
  });
});

describe('parseFlowDocument', () => {
  it('accepts a minimal document and fills defaults', () => {
    const result = parseFlowDocument(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.description).toBe('');
    expect(result.document.variables).toEqual([]);
    expect(result.document.nodes[0]).toMatchObject({ type: 'start', data: { answer: true } });
  });

  it('rejects a non-object with SB001 rather than throwing', () => {
    for (const input of [null, 42, 'flow', [], undefined]) {
      const result = parseFlowDocument(input);
      expect(result.ok).toBe(false);
      expect(result.diagnostics[0]).toMatchObject({ code: 'SB001', severity: 'error' });
    }
  });

  it('names every problem with its path and the node id', () => {
    const bad = structuredClone(minimal) as Record<string, unknown> & { nodes: Array<Record<string, unknown>> };
    bad.nodes.push({ id: 'm', type: 'menu', position: { x: 0, y: 0 }, data: { prompt: { text: {} }, options: [{ digit: 'x', label: 'Bad' }] } });
    bad.nodes.push({ id: 'w', type: 'wormhole', position: { x: 0, y: 0 }, data: {} });
    bad.languages = [];
    const result = parseFlowDocument(bad);
    expect(result.ok).toBe(false);
    const paths = result.diagnostics.map((d) => `${d.nodeId ?? '-'} ${d.path}`);
    expect(paths).toContain('m nodes[2].data.options[0].digit');
    expect(paths).toContain('- languages');
    const unknown = result.diagnostics.find((d) => d.nodeId === 'w');
    expect(unknown?.message).toMatch(/unknown node type; expected one of .*menu/);
  });

  it('refuses documents from a newer Switchboard with SB002', () => {
    const result = parseFlowDocument({ ...minimal, schemaVersion: 99 });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'SB002', path: 'schemaVersion' })]);
  });
});

describe('unknown fields', () => {
  it('warns about each misspelt field with its path instead of dropping it silently', () => {
    const doc = structuredClone(minimal) as Record<string, unknown> & { nodes: Array<Record<string, unknown>> };
    doc.nodes[0] = { ...doc.nodes[0], data: { answer: true, anwser: false } };
    (doc as Record<string, unknown>)['colour'] = 'blue';
    const result = parseFlowDocument(doc);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'SB010', severity: 'warning', nodeId: 'start', path: 'nodes[0].data.anwser', message: 'unknown field "anwser" is ignored' }),
      expect.objectContaining({ code: 'SB010', path: 'colour' }),
    ]);
  });

  it('does not flag keys of free-form maps such as prompt texts', () => {
    const doc = structuredClone(minimal) as Record<string, unknown> & { nodes: Array<Record<string, unknown>> };
    doc.nodes.splice(1, 0, { id: 'hi', type: 'announcement', position: { x: 0, y: 0 }, data: { prompt: { text: { en: 'Hi', 'zh-CN': '你好' } } } });
    expect(parseFlowDocument(doc).diagnostics).toEqual([]);
  });

  it('refuses a document nested 100,000 levels deep with SB012 naming where, instead of overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const doc = structuredClone(minimal) as Record<string, unknown> & { nodes: Array<Record<string, unknown>> };
    doc.nodes[0]!.data = { extra: deep };
    const result = parseFlowDocument(doc);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'SB012', severity: 'error', message: expect.stringContaining('deeper than 64 levels') });
    expect(result.diagnostics[0]!.path).toMatch(/^nodes\[0\]\.data\.extra\.a\.a\.a/);
  });

  it('accepts nesting up to the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DOCUMENT_DEPTH - 2; i++) deep = [deep];
    expect(pathDeeperThan({ nodes: [{ data: deep }] }, MAX_DOCUMENT_DEPTH)).toBeNull();
    expect(pathDeeperThan({ nodes: [{ data: [deep] }] }, MAX_DOCUMENT_DEPTH)).toMatch(/^nodes\[0\]\.data(\[0\]){62}$/);
  });
});
