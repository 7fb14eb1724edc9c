/** Numbers as the viewer reads them (their UI language): counts, shares and durations. */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

export function formatShare(value: number | null, language: string): string | null {
  return value === null ? null : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Seconds as "42 s" or "3 min 5 s" in the viewer's language. */
export function formatSeconds(value: number | null, language: string): string | null {
  if (value === null) return null;
  const rounded = Math.round(value);
  const unit = (amount: number, name: 'second' | 'minute') => new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'short' }).format(amount);
  if (rounded < 60) return unit(rounded, 'second');
  const minutes = Math.floor(rounded / 60);
  const seconds = rounded % 60;
  return seconds === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(seconds, 'second')}`;
}

/** A point in time in the viewer's language and time zone; days only when `dayOnly`. */
export function formatTime(iso: string, language: string, dayOnly = false): string {
  const date = new Date(iso);
  return dayOnly ? date.toLocaleDateString(language, { dateStyle: 'medium' }) : date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A mean rating on the 1–5 scale, "4.2 / 5", in the viewer's language. */
export function formatRating(value: number | null, language: string): string | null {
  return value === null ? null : `${new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)} / 5`;
}
