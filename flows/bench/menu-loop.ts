import { compileFlow } from '../src/compiler/compile.js';
import type { CompiledFlow } from '../src/compiler/compiled.js';
import { parseFlowDocument } from '../src/document/parse.js';

/** A call that loops menu → announcement → menu: the interpreter's hottest path (prompt, key, prompt…). */
export function menuLoopFlow(): CompiledFlow {
  const node = (id: string, type: string, data: unknown = {}) => ({ id, type, position: { x: 0, y: 0 }, data });
  const parsed = parseFlowDocument({
    schemaVersion: 1,
    name: 'Menu loop',
    languages: ['en'],
    nodes: [
      node('start', 'start'),
      node('menu', 'menu', { prompt: { text: { en: 'Press 1 to hear your balance, 0 for an agent.' } }, options: [{ digit: '1', label: 'Balance' }, { digit: '0', label: 'Agent' }] }),
      node('balance', 'announcement', { prompt: { text: { en: 'Your balance is ${caller}.' } } }),
      node('bye', 'hangup'),
    ],
    edges: [
      { id: 'a', source: 'start', sourceOutlet: 'next', target: 'menu' },
      { id: 'b', source: 'menu', sourceOutlet: '1', target: 'balance' },
      { id: 'c', source: 'menu', sourceOutlet: '0', target: 'bye' },
      { id: 'd', source: 'menu', sourceOutlet: 'noInput', target: 'bye' },
      { id: 'e', source: 'balance', sourceOutlet: 'next', target: 'menu' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const result = compileFlow(parsed.document);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}
