/** The kinds of JSON value a form row can hold (a mocked body field, an expected variable value). */
export const VALUE_TYPES = ['text', 'number', 'boolean', 'null'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** A JSON scalar as a form edits it: its kind, and its text (`"42"`, `"true"`). */
export interface TypedValue {
  type: ValueType;
  value: string;
}

export type Scalar = string | number | boolean | null;

/** A scalar in the form. */
export function typedValueOf(value: Scalar): TypedValue {
  if (value === null) return { type: 'null', value: '' };
  if (typeof value === 'number') return { type: 'number', value: String(value) };
  if (typeof value === 'boolean') return { type: 'boolean', value: String(value) };
  return { type: 'text', value };
}

/** The scalar a form row stands for, or the reason it is not one (a number that does not read as one). */
export function scalarOf(typed: TypedValue): { ok: true; value: Scalar } | { ok: false; problem: 'notNumber' } {
  switch (typed.type) {
    case 'text':
      return { ok: true, value: typed.value };
    case 'number': {
      const number = Number(typed.value.trim());
      return typed.value.trim() === '' || !Number.isFinite(number) ? { ok: false, problem: 'notNumber' } : { ok: true, value: number };
    }
    case 'boolean':
      return { ok: true, value: typed.value === 'true' };
    case 'null':
      return { ok: true, value: null };
  }
}
