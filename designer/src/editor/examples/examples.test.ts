import { describe, expect, it } from 'vitest';
import { compileFlow, parseFlowDocument } from '@switchboard/flows';
import { largeFlow } from './large-flow';
import { supportLineFlow } from './support-line';

describe('example flows', () => {
  it('the support line is a valid flow without a single diagnostic', () => {
    expect(parseFlowDocument(supportLineFlow()).ok).toBe(true);
    expect(compileFlow(supportLineFlow()).diagnostics).toEqual([]);
  });

  it('the large flow has the size asked for and no errors', () => {
    const flow = largeFlow(500);
    expect(flow.nodes).toHaveLength(500);
    expect(parseFlowDocument(flow).ok).toBe(true);
    expect(compileFlow(flow).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
