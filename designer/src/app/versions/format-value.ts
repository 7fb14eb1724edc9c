/** A changed value, short enough for a list: JSON, cut at `max` characters. */
export function formatValue(value: unknown, max = 80): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
