import { describe, expect, it } from 'vitest';
import { compileFlow, parseFlowDocument } from '@switchboard/flows';
import { contactCentreFlow, SHARED_NODE_IDS } from './contact-centre-flow';

describe('contact-centre flow (canvas benchmark)', () => {
  it.each([20, 23, 500, 2000])('has exactly %i nodes, parses and compiles without errors', (size) => {
    const flow = contactCentreFlow(size);
    expect(flow.nodes).toHaveLength(size);
    expect(new Set(flow.nodes.map((n) => n.id)).size).toBe(size);
    const parsed = parseFlowDocument(flow);
    expect(parsed.ok).toBe(true);
    expect(compileFlow(flow).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('has menus, queues, sub-flow calls and end nodes shared by every department', () => {
    const flow = contactCentreFlow(500);
    const types = new Set(flow.nodes.map((n) => n.type));
    expect([...types]).toEqual(expect.arrayContaining(['menu', 'queue', 'subflow', 'schedule', 'hangup', 'voicemail']));
    const intoEnd = flow.edges.filter((e) => e.target === SHARED_NODE_IDS.end).length;
    expect(intoEnd).toBeGreaterThan(100);
  });

  it('refuses a size too small for its shape', () => {
    expect(() => contactCentreFlow(5)).toThrow(/at least 20 nodes, got 5/);
  });
});
