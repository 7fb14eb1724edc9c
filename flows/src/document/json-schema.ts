import { z } from 'zod';
import { FlowDocumentSchema } from './schema.js';

let cached: Record<string, unknown> | undefined;

/**
 * JSON Schema (draft 2020-12) of the flow document, generated from the zod schemas. The designer's code view
 * validates and completes against it. Describes the input form: fields with defaults may be left out.
 */
export function flowJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(FlowDocumentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return cached;
}
