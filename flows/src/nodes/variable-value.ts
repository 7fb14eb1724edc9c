import type { VariableType, VariableValue } from '../document/common.js';
import { assertNever } from '../util/assert-never.js';

/**
 * Convert a value from outside the type system (a JSON response, a `dyn` CEL result such as a channel variable)
 * into a flow variable's declared type. Returns `undefined` when it does not fit: callers then leave the
 * variable unchanged, so it always holds a value of its declared type.
 */
export function coerceToVariableType(value: unknown, type: VariableType): VariableValue | undefined {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
      if (typeof value === 'boolean') return String(value);
      // Objects and arrays keep their JSON text, so a flow can still store and pass them on.
      if (value !== null && typeof value === 'object') return JSON.stringify(value);
      return undefined;
    case 'integer': {
      const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
    }
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true') return true;
      if (value === 'false') return false;
      return undefined;
    default:
      return assertNever(type, 'variable type');
  }
}

/** CEL result types (from the checker) an assignment to a variable of `type` accepts. `dyn` is checked at call time. */
export function celTypeAssignable(celType: string, type: VariableType): boolean {
  if (celType === 'dyn') return true;
  switch (type) {
    case 'string':
      return celType === 'string';
    case 'integer':
      return celType === 'int' || celType === 'uint';
    case 'number':
      return celType === 'int' || celType === 'uint' || celType === 'double';
    case 'boolean':
      return celType === 'bool';
    default:
      return assertNever(type, 'variable type');
  }
}
