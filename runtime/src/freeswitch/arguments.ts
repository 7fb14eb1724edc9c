/**
 * How text reaches FreeSWITCH application arguments intact. Pure: no Node APIs (the browser simulator imports it).
 *
 * Three layers read an argument on its way to the caller's ear:
 * 1. The switch expands `${var}` / `$${var}` in every `execute-app-arg`, so prompt text must not contain `${`.
 * 2. Apps with positional arguments (`play_and_get_digits`, and the `uuid_broadcast` api) split on spaces with
 *    `switch_separate_string`: `'…'` groups words, `\'` and `\\` are escapes, and quotes are removed afterwards.
 * 3. With the channel variable `playback_delimiter=!`, `switch_ivr_play_file` splits a file argument on `!` into
 *    several prompts (same quote and escape rules), so `!`, `'` and `\` inside one prompt are escaped again.
 */

/** Single-line text without `${` (FreeSWITCH would expand it as a channel variable). */
export function plainText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/\$(\$?)\{/g, '$$$1 {').trim();
}

/** One positional argument: quoted with `'…'` when it holds spaces, quotes or backslashes (layer 2). */
export function positionalArgument(value: string): string {
  if (value !== '' && !/[\s'\\]/.test(value)) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The delimiter the runtime sets as `playback_delimiter` so one argument can carry several prompts. */
export const PLAYBACK_DELIMITER = '!';

/** One prompt inside a `!`-delimited file list (layer 3): `\`, `'` and `!` escaped. */
export function delimitedItem(item: string): string {
  return item.replace(/[\\'!]/g, (character) => `\\${character}`);
}
