import { isSaid, REASON_MESSAGES, type Said } from '@switchboard/flows';
import type { TFunction } from 'i18next';

/**
 * Something the interpreter or the runtime said about a call (why a step left by an outlet, why the call ended, a
 * note on an effect) in the UI language: `said.<id>` with its values, nested values said first. Data without an id
 * (older transcripts and call records) or with an id this UI does not know is shown in the English it came with.
 */
export function saidText(t: TFunction, said: Said | null | undefined, english: string): string {
  return isSaid(said) ? sayIn(t, said) : english;
}

function sayIn(t: TFunction, said: Said): string {
  const template: string = (REASON_MESSAGES as Record<string, string>)[said.id] ?? '';
  // An empty template (a schedule decided without a calendar has no source) stays empty in every language.
  if (template === '') return '';
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.params ?? {})) values[name] = typeof value === 'object' ? sayIn(t, value) : value;
  // `replace` keeps values apart from i18next's own options (a value named `count` must not pick a plural form).
  return t(`said.${said.id}`, { replace: values, defaultValue: template });
}

/** `{ 'event.pressed': … }` → `{ event: { pressed: … } }`, the shape i18next looks keys up in. */
export function nestSaid(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [id, text] of Object.entries(flat)) {
    const parts = id.split('.');
    let at = nested;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1] as string] = text;
  }
  return nested;
}
