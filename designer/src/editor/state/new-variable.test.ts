import { describe, expect, it } from 'vitest';
import { parseFlowDocument } from '@switchboard/flows';
import { supportLineFlow } from '../examples/support-line';
import { declareVariable, MAX_VARIABLES, variableNameProblem } from './new-variable';

describe('declaring a variable inline', () => {
  const variables = supportLineFlow().variables;

  it('accepts a fresh valid name', () => {
    expect(variableNameProblem(variables, 'order_id')).toBeNull();
    const after = declareVariable(supportLineFlow(), { name: 'order_id', type: 'string' });
    expect(after.variables.at(-1)).toEqual({ name: 'order_id', type: 'string' });
    expect(parseFlowDocument(JSON.parse(JSON.stringify(after))).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('says what is wrong with a name', () => {
    expect(variableNameProblem(variables, '')?.key).toBe('nameMissing');
    expect(variableNameProblem(variables, 'Order id')).toEqual({ key: 'nameInvalid', params: { name: 'Order id' } });
    expect(variableNameProblem(variables, '1st')?.key).toBe('nameInvalid');
    expect(variableNameProblem(variables, 'tier')).toEqual({ key: 'nameTaken', params: { name: 'tier' } });
    expect(variableNameProblem(variables, 'caller')?.key).toBe('nameBuiltIn');
    const full = Array.from({ length: MAX_VARIABLES }, (_, i) => ({ name: `v${i}`, type: 'string' as const }));
    expect(variableNameProblem(full, 'one_more')?.key).toBe('tooMany');
    expect(() => declareVariable(supportLineFlow(), { name: 'tier', type: 'string' })).toThrow(/tier/);
  });
});
