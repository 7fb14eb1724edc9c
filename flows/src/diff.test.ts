import { describe, expect, it } from 'vitest';
import { diffFlowDocuments } from './diff.js';
import type { FlowDocument } from './document/schema.js';

function welcomeFlow(): FlowDocument {
  return {
    schemaVersion: 1,
    name: 'welcome',
    description: 'Greets callers',
    languages: ['en'],
    variables: [],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } },
      { id: 'hello', type: 'announcement', position: { x: 0, y: 100 }, data: { prompt: { text: { en: 'Hello' } }, bargeIn: false } },
      { id: 'bye', type: 'hangup', position: { x: 0, y: 200 }, data: { cause: 'NORMAL_CLEARING' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'hello' },
      { id: 'e2', source: 'hello', sourceOutlet: 'next', target: 'bye' },
    ],
  } as FlowDocument;
}

describe('diffFlowDocuments', () => {
  it('finds nothing between a document and its copy', () => {
    const diff = diffFlowDocuments(welcomeFlow(), structuredClone(welcomeFlow()));
    expect(diff).toEqual({ flow: [], nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] }, identical: true });
  });

  it('lists added and removed nodes and edges by id', () => {
    const before = welcomeFlow();
    const after = welcomeFlow();
    after.nodes = after.nodes.filter((node) => node.id !== 'bye');
    after.nodes.push({ id: 'goodbye', type: 'hangup', position: { x: 0, y: 300 }, data: { cause: 'NORMAL_CLEARING' } } as FlowDocument['nodes'][number]);
    after.edges = [after.edges[0]!, { id: 'e3', source: 'hello', sourceOutlet: 'next', target: 'goodbye' }];
    const diff = diffFlowDocuments(before, after);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['goodbye']);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(['bye']);
    expect(diff.edges.added.map((e) => e.id)).toEqual(['e3']);
    expect(diff.edges.removed.map((e) => e.id)).toEqual(['e2']);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.identical).toBe(false);
  });

  it('reports field-level changes inside a node by path, with before and after', () => {
    const after = welcomeFlow();
    const hello = after.nodes[1] as { data: { prompt: { text: Record<string, string>; audio?: string }; bargeIn: boolean } };
    hello.data.prompt.text.en = 'Welcome to Acme';
    hello.data.prompt.audio = 'welcome.wav';
    hello.data.bargeIn = true;
    const diff = diffFlowDocuments(welcomeFlow(), after);
    expect(diff.nodes.changed).toEqual([
      {
        id: 'hello',
        type: 'announcement',
        changes: [
          { path: 'data.bargeIn', before: false, after: true },
          { path: 'data.prompt.audio', before: undefined, after: 'welcome.wav' },
          { path: 'data.prompt.text.en', before: 'Hello', after: 'Welcome to Acme' },
        ],
      },
    ]);
  });

  it('reports a re-pointed edge and flow-level changes such as a new language', () => {
    const after = welcomeFlow();
    after.edges[1] = { ...after.edges[1]!, target: 'start' };
    after.languages = ['en', 'fr'];
    after.description = 'Greets callers politely';
    const diff = diffFlowDocuments(welcomeFlow(), after);
    expect(diff.edges.changed).toEqual([{ id: 'e2', changes: [{ path: 'target', before: 'bye', after: 'start' }] }]);
    expect(diff.flow).toEqual([
      { path: 'description', before: 'Greets callers', after: 'Greets callers politely' },
      { path: 'languages[1]', before: undefined, after: 'fr' },
    ]);
  });

  it('can ignore moved boxes so only behaviour changes show', () => {
    const after = welcomeFlow();
    after.nodes[2]!.position = { x: 500, y: 500 };
    expect(diffFlowDocuments(welcomeFlow(), after).nodes.changed).toEqual([
      { id: 'bye', type: 'hangup', changes: [{ path: 'position.x', before: 0, after: 500 }, { path: 'position.y', before: 200, after: 500 }] },
    ]);
    expect(diffFlowDocuments(welcomeFlow(), after, { includeLayout: false }).identical).toBe(true);
  });

  it('reports a node whose type changed with its type and data differences', () => {
    const after = welcomeFlow();
    after.nodes[2] = { id: 'bye', type: 'announcement', position: { x: 0, y: 200 }, data: { prompt: { text: { en: 'Bye' } }, bargeIn: false } } as FlowDocument['nodes'][number];
    const [change] = diffFlowDocuments(welcomeFlow(), after).nodes.changed;
    expect(change?.type).toBe('announcement');
    expect(change?.changes).toContainEqual({ path: 'type', before: 'hangup', after: 'announcement' });
    expect(change?.changes).toContainEqual({ path: 'data.cause', before: 'NORMAL_CLEARING', after: undefined });
  });
});
