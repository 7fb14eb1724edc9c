import { describe, expect, it } from 'vitest';
import { compileFlow } from '@switchboard/flows';
import { supportLineFlow } from '../examples/support-line';
import { copyNodes, pasteNodes } from './clipboard';

describe('copy and paste', () => {
  it('pastes copies with new ids, shifted, with the edges between them', () => {
    const document = supportLineFlow();
    const content = copyNodes(document, ['support_queue', 'offer_callback'])!;
    expect(content.edges.map((e) => e.id).sort()).toEqual(['e_10', 'e_11', 'e_9']);
    const { document: after, nodeIds } = pasteNodes(document, content, 40);
    expect(nodeIds).toEqual(['queue_1', 'callback_1']);
    const queue = after.nodes.find((n) => n.id === 'queue_1')!;
    expect(queue.position).toEqual({ x: 920, y: 80 });
    const pastedEdges = after.edges.filter((e) => nodeIds.includes(e.source));
    expect(pastedEdges).toHaveLength(3);
    expect(pastedEdges.every((e) => nodeIds.includes(e.target))).toBe(true);
    expect(new Set(after.edges.map((e) => e.id)).size).toBe(after.edges.length);
    expect(compileFlow(after).diagnostics.filter((d) => /^SB00/.test(d.code))).toEqual([]);
  });

  it('does not paste a second Start node', () => {
    const document = supportLineFlow();
    const { document: after, nodeIds } = pasteNodes(document, copyNodes(document, ['start', 'hours'])!);
    expect(nodeIds).toEqual(['schedule_1']);
    expect(after.nodes.filter((n) => n.type === 'start')).toHaveLength(1);
  });

  it('copies nothing when no node is selected', () => {
    expect(copyNodes(supportLineFlow(), [])).toBeNull();
  });
});
