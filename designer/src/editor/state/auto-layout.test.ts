import { describe, expect, it } from 'vitest';
import { supportLineFlow } from '../examples/support-line';
import { layoutFlow } from './auto-layout';

describe('auto-layout', () => {
  it('lays the flow out left to right: every edge points rightwards', async () => {
    const document = supportLineFlow();
    const positions = await layoutFlow(document, new Map());
    expect(positions.size).toBe(document.nodes.length);
    for (const edge of document.edges) {
      expect(positions.get(edge.target)!.x, `${edge.source} → ${edge.target}`).toBeGreaterThan(positions.get(edge.source)!.x);
    }
  });
});
