import { describe, expect, it } from 'vitest';
import { VariableDeclarationSchema } from '@switchboard/flows';
import { newValueFor } from './new-item';

describe('newValueFor', () => {
  it('gives every new variable the first type, whatever the variables before it use', () => {
    const existing = [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'integer' },
      { name: 'c', type: 'number' },
    ];
    expect(newValueFor(VariableDeclarationSchema, existing, 'variables')).toMatchObject({ type: 'string' });
  });
});
