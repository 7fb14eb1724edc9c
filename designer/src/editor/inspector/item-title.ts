/** A title for a list item: its label or name when it has one (a menu option as "1 · Billing"), else "Item 3". */
export function itemTitle(item: unknown, index: number, fallback: string): string {
  if (item !== null && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    const named = [record.label, record.name, record.key, record.variable].find((v) => typeof v === 'string' && v !== '');
    if (typeof named === 'string') return typeof record.digit === 'string' ? `${record.digit} · ${named}` : named;
  }
  return `${fallback} ${index + 1}`;
}
