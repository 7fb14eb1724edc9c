/** A path into a node's settings: property names and array indices. */
export type FieldPath = readonly (string | number)[];

/** `options[1].digit`: the same notation the compiler uses for diagnostics (relative to the node's data). */
export function fieldKey(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** `branches[].expression`: the path with indices removed, to pick special editors for a field. */
export function fieldPattern(path: FieldPath): string {
  return fieldKey(path.map((part) => (typeof part === 'number' ? -1 : part))).replace(/\[-1\]/g, '[]');
}

export function getAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/**
 * A copy of `value` with the field at `path` replaced; `undefined` removes an object property. Containers
 * along the way are copied, everything else is shared.
 */
export function setAt(value: unknown, path: FieldPath, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const array = Array.isArray(value) ? value.slice() : [];
    array[head] = setAt(array[head], rest, next);
    return array;
  }
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const child = setAt(object[head], rest, next);
  if (child === undefined) delete object[head];
  else object[head] = child;
  return object;
}
