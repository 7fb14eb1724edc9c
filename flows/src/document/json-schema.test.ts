import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../nodes/registry.js';
import { flowJsonSchema } from './json-schema.js';

describe('flowJsonSchema', () => {
  it('describes the document with a variant per node type, for the code view', () => {
    const schema = flowJsonSchema() as { type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'name', 'languages', 'nodes', 'edges']));
    const text = JSON.stringify(schema.properties['nodes']);
    for (const type of NODE_TYPES) expect(text).toContain(`"const":"${type}"`);
  });

  it('is plain JSON', () => {
    const schema = flowJsonSchema();
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
