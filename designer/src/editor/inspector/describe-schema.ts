import type { z } from 'zod';

/** What kind of editor a settings field needs, read from its zod schema. */
export type FieldShape =
  | { kind: 'string'; minLength: number | null; maxLength: number | null }
  | { kind: 'number'; integer: boolean; min: number | null; max: number | null }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'object'; shape: Record<string, z.ZodType> }
  | { kind: 'array'; element: z.ZodType; maxItems: number | null }
  | { kind: 'record'; value: z.ZodType }
  | { kind: 'unknown' };

export interface DescribedField {
  shape: FieldShape;
  /** May be left out. */
  optional: boolean;
  /** May be `null` (e.g. "no terminator key"). */
  nullable: boolean;
  /** The value zod fills in when the field is left out. */
  defaultValue: unknown;
  /** The schema with optional/nullable/default wrappers removed (for identity checks such as PromptSchema). */
  inner: z.ZodType;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  checks?: Array<{ _zod: { def: { check: string; maximum?: number } } }>;
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Look through the wrappers of a zod 4 schema and say which editor it needs. */
export function describeSchema(schema: z.ZodType): DescribedField {
  let current = schema;
  let optional = false;
  let nullable = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional' && def.innerType) optional = true;
    else if (def.type === 'nullable' && def.innerType) nullable = true;
    else if ((def.type === 'default' || def.type === 'prefault') && def.innerType) {
      if (defaultValue === undefined) defaultValue = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
      continue;
    } else break;
    current = def.innerType as z.ZodType;
  }
  return { shape: shapeOf(current), optional, nullable, defaultValue, inner: current };
}

function shapeOf(schema: z.ZodType): FieldShape {
  const def = defOf(schema);
  const bag = schema as unknown as { minLength?: number | null; maxLength?: number | null; minValue?: number | null; maxValue?: number | null; isInt?: boolean };
  switch (def.type) {
    case 'string':
      return { kind: 'string', minLength: bag.minLength ?? null, maxLength: bag.maxLength ?? null };
    case 'number':
      return { kind: 'number', integer: bag.isInt === true, min: finite(bag.minValue), max: finite(bag.maxValue) };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', options: Object.values(def.entries ?? {}) };
    case 'object':
      return { kind: 'object', shape: def.shape ?? {} };
    case 'array': {
      const max = def.checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
      return { kind: 'array', element: def.element as z.ZodType, maxItems: max ?? null };
    }
    case 'record':
      return { kind: 'record', value: def.valueType as z.ZodType };
    default:
      return { kind: 'unknown' };
  }
}

function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}
