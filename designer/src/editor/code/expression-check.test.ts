import { describe, expect, it } from 'vitest';
import { createExpressionChecker } from '@switchboard/flows';
import { expressionProblem, expressionSuggestions } from './expression-check';

const variables = [
  { name: 'tier', type: 'string' as const, description: 'CRM tier' },
  { name: 'attempts', type: 'integer' as const },
];
const checker = createExpressionChecker(variables);

describe('expression checks', () => {
  it('accepts a valid condition', () => {
    expect(expressionProblem(checker, 'tier == "gold" && attempts < 3', 'bool')).toBeNull();
  });

  it('reports unknown variables, syntax errors and wrong types', () => {
    expect(expressionProblem(checker, 'colour == "red"', 'bool')).toMatch(/colour/i);
    expect(expressionProblem(checker, 'tier ==', 'bool')).not.toBeNull();
    expect(expressionProblem(checker, 'attempts + 1', 'bool')).toBe('gives int, expected bool');
    expect(expressionProblem(checker, 'attempts + 1', 'int')).toBeNull();
  });

  it('offers the flow variables, the built-ins and functions for completion', () => {
    const labels = expressionSuggestions(variables).map((s) => s.label);
    expect(labels).toEqual(expect.arrayContaining(['tier', 'attempts', 'caller', 'dialled', 'startsWith']));
    expect(expressionSuggestions(variables).find((s) => s.label === 'tier')?.detail).toBe('string — CRM tier');
  });
});
