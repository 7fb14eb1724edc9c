import type { z } from 'zod';
import { DtmfKeySchema, PromptSchema } from '@switchboard/flows';
import { describeSchema } from './describe-schema';

/**
 * A sensible new value for a field: its default, or the simplest value that passes its schema, so that
 * pressing "Add" gives a valid item. `siblings` are the items already in the list: keypad keys (menu digits)
 * take the first key no sibling uses — other choices (a variable's type) start at their first option — required text fields get a fresh numbered name (`prefixFor` gives the
 * words before the number, e.g. "key" for keys or a translated "New " for labels).
 */
/** Callers expect options numbered from 1; 0 comes last, as it usually means "an agent". */
const KEYPAD_ORDER = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];

export function newValueFor(schema: z.ZodType, siblings: readonly unknown[] = [], name = 'item', prefixFor: (name: string) => string = (n) => n): unknown {
  const field = describeSchema(schema);
  if (field.defaultValue !== undefined) return structuredClone(field.defaultValue);
  if (field.inner === PromptSchema) return { text: {} };
  const shape = field.shape;
  switch (shape.kind) {
    case 'string': {
      if ((shape.minLength ?? 0) === 0) return '';
      const used = new Set(siblings.map((s) => (typeof s === 'string' ? s : undefined)));
      for (let n = siblings.length + 1; ; n++) {
        const candidate = `${prefixFor(name)}${n}`;
        if (!used.has(candidate)) return candidate;
      }
    }
    case 'number':
      return shape.min ?? 0;
    case 'boolean':
      return false;
    case 'enum': {
      // Two options on one key cannot both work; two variables of one type are the usual case.
      if (field.inner !== DtmfKeySchema) return shape.options[0];
      const used = new Set(siblings);
      return KEYPAD_ORDER.find((key) => !used.has(key)) ?? shape.options[0];
    }
    case 'array':
      return [];
    case 'record':
      return {};
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(shape.shape)) {
        const described = describeSchema(child);
        if (described.optional && described.defaultValue === undefined) continue;
        const siblingValues = siblings.map((s) => (s !== null && typeof s === 'object' ? (s as Record<string, unknown>)[key] : undefined));
        object[key] = newValueFor(child, siblingValues, key, prefixFor);
      }
      return object;
    }
    case 'unknown':
      return undefined;
  }
}
