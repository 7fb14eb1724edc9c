import type { FlowDocument, FlowEdge, FlowNode } from '@switchboard/flows';

/**
 * A valid flow with `size` nodes (a chain of menus and announcements fanning out to queues), laid out on a
 * grid: for performance checks of the canvas (the 500-node goal) and the benchmark page.
 */
export function largeFlow(size: number): FlowDocument {
  const nodes: FlowNode[] = [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } }];
  const edges: FlowEdge[] = [];
  const end: FlowNode = { id: 'end', type: 'hangup', position: { x: 0, y: 200 }, data: { cause: 'NORMAL_CLEARING' } };
  let previous = 'start';
  let previousOutlet = 'next';
  for (let i = 1; nodes.length < size - 1; i++) {
    const id = `step_${i}`;
    const position = { x: (i % 20) * 320, y: Math.floor(i / 20) * 260 + 200 };
    if (i % 2 === 1) {
      nodes.push({ id, type: 'announcement', position, data: { prompt: { text: { en: `Step ${i}.` } }, bargeIn: false } });
      edges.push({ id: `e_${i}`, source: previous, sourceOutlet: previousOutlet, target: id });
      previous = id;
      previousOutlet = 'next';
    } else {
      nodes.push({
        id,
        type: 'menu',
        position,
        data: { prompt: { text: { en: `Menu ${i}: press 1 to go on, 0 for an agent.` } }, options: [{ digit: '1', label: 'Go on' }, { digit: '0', label: 'Agent' }], timeoutSeconds: 5, maxRetries: 2 },
      });
      edges.push({ id: `e_${i}`, source: previous, sourceOutlet: previousOutlet, target: id });
      edges.push({ id: `e_${i}_0`, source: id, sourceOutlet: '0', target: 'end' }, { id: `e_${i}_n`, source: id, sourceOutlet: 'noInput', target: 'end' });
      previous = id;
      previousOutlet = '1';
    }
  }
  nodes.push(end);
  edges.push({ id: 'e_last', source: previous, sourceOutlet: previousOutlet, target: 'end' });
  return { schemaVersion: 1, name: `Large flow ${size}`, description: '', languages: ['en'], variables: [], nodes, edges };
}
