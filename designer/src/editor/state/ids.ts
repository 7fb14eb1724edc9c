/** Ids must match the document's IdSchema: letters, digits, "-" and "_", at most 64 characters. */
function sanitize(prefix: string): string {
  const cleaned = prefix.replace(/[^A-Za-z0-9_-]/g, '');
  return (cleaned === '' ? 'n' : cleaned).slice(0, 40);
}

/** `menu_3`: the prefix plus the lowest counter not yet taken. Adds the new id to `taken`. */
export function uniqueId(prefix: string, taken: Set<string>): string {
  const base = sanitize(prefix);
  let counter = 1;
  while (taken.has(`${base}_${counter}`)) counter++;
  const id = `${base}_${counter}`;
  taken.add(id);
  return id;
}
