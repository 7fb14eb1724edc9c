import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@switchboard/flows';
import { supportLineFlow } from '../examples/support-line';
import { countIssuesByNode, isFieldWithin, nodeFieldOf } from './diagnostic-paths';

const at = (path: string, nodeId?: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ code: 'SB103', severity, path, message: 'x', ...(nodeId ? { nodeId } : {}) });

describe('diagnostic paths', () => {
  it('finds the node and the field inside its settings', () => {
    const document = supportLineFlow();
    expect(nodeFieldOf(at('nodes[2].data.options[1].digit', 'main_menu'), document)).toEqual({ nodeId: 'main_menu', field: 'options[1].digit' });
    expect(nodeFieldOf(at('nodes[2].data', 'main_menu'), document)).toEqual({ nodeId: 'main_menu', field: '' });
    expect(nodeFieldOf(at('edges[3].target'), document)).toBeNull();
  });

  it('counts errors and warnings per node', () => {
    const counts = countIssuesByNode([at('a', 'n1'), at('b', 'n1', 'warning'), at('c', 'n2', 'warning'), at('d')]);
    expect(counts.get('n1')).toEqual({ errors: 1, warnings: 1 });
    expect(counts.get('n2')).toEqual({ errors: 0, warnings: 1 });
    expect(counts.size).toBe(2);
  });

  it('knows which fields lie inside which', () => {
    expect(isFieldWithin('options[1].digit', 'options[1]')).toBe(true);
    expect(isFieldWithin('options[10]', 'options[1]')).toBe(false);
    expect(isFieldWithin('prompt.text.en', 'prompt')).toBe(true);
    expect(isFieldWithin('promptly', 'prompt')).toBe(false);
  });
});
