import { describe, expect, it } from 'vitest';
import { nodeRegistry, PromptSchema } from '@switchboard/flows';
import { describeSchema } from './describe-schema';
import { newValueFor } from './new-item';
import { fieldKey, fieldPattern, getAt, setAt } from './value-paths';

const menuShape = (() => {
  const shape = describeSchema(nodeRegistry.menu.dataSchema).shape;
  if (shape.kind !== 'object') throw new Error('menu data is an object');
  return shape.shape;
})();

describe('schema-driven fields', () => {
  it('reads kinds, limits and defaults through zod wrappers', () => {
    const timeout = describeSchema(menuShape.timeoutSeconds!);
    expect(timeout.shape).toEqual({ kind: 'number', integer: true, min: 1, max: 60 });
    expect(timeout.defaultValue).toBe(5);
    const noInput = describeSchema(menuShape.noInputPrompt!);
    expect(noInput.optional).toBe(true);
    expect(noInput.inner).toBe(PromptSchema);
    expect(describeSchema(menuShape.options!).shape).toMatchObject({ kind: 'array', maxItems: 12 });
  });

  it('makes a new menu option with the next unused digit (1…9, then 0) that passes the schema', () => {
    const options = [{ digit: '1', label: 'Sales' }, { digit: '2', label: 'Support' }];
    const element = describeSchema(menuShape.options!).shape;
    if (element.kind !== 'array') throw new Error('options is an array');
    const option = newValueFor(element.element, options, 'options', (n) => (n === 'label' ? 'New ' : n));
    expect(option).toEqual({ digit: '3', label: 'New 3' });
    expect(nodeRegistry.menu.dataSchema.safeParse({ ...nodeRegistry.menu.defaults(), options: [...options, option] }).success).toBe(true);
  });

  it('new nodes of every type get values their schema accepts', () => {
    for (const definition of Object.values(nodeRegistry)) {
      expect(definition.dataSchema.safeParse(newValueFor(definition.dataSchema)).success || definition.type, definition.type).toBeTruthy();
    }
  });

  it('reads and writes nested values without touching the original', () => {
    const data = { options: [{ digit: '1', label: 'Sales' }] };
    const next = setAt(data, ['options', 0, 'label'], 'Buy');
    expect(getAt(next, ['options', 0, 'label'])).toBe('Buy');
    expect(data.options[0]?.label).toBe('Sales');
    expect(setAt({ a: 1, b: 2 }, ['b'], undefined)).toEqual({ a: 1 });
    expect(fieldKey(['options', 1, 'digit'])).toBe('options[1].digit');
    expect(fieldPattern(['branches', 3, 'expression'])).toBe('branches[].expression');
  });
});
