import type { z } from 'zod';
import type { FieldPath } from '../value-paths';
import { FieldEditor } from './FieldEditor';

/** One editor per property of an object schema, in the schema's order. */
export function ObjectFields({ shape, path, value }: { shape: Record<string, z.ZodType>; path: FieldPath; value: unknown }) {
  const object = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return (
    <>
      {Object.entries(shape).map(([name, schema]) => (
        <FieldEditor key={name} schema={schema} name={name} path={[...path, name]} value={object[name]} />
      ))}
    </>
  );
}
