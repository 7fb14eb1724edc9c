/**
 * How text reaches a FreeSWITCH application intact. Pure: no Node APIs (the browser simulator imports it).
 *
 * Up to three layers of FreeSWITCH 1.10.12 read an argument before a caller hears it; each function below undoes
 * exactly one of them, so any text — `' " ! \ % ${ } , ;`, tabs, line breaks, Chinese — is spoken as written.
 * `esl-emulator/src/wire/app-arguments.ts` models the same C code and the tests round-trip through it.
 *
 * 1. Variable expansion (`switch_channel_expand_variables_check`, src/switch_channel.c), on every app argument
 *    when the app runs. It only rewrites a string that contains `${` (after a `$`, any `\`s then `{`) or an
 *    "escape" (`switch_string_has_escaped_data`: a `\` followed by `\ n s t '`). Then `\\` → `\`, `\$` → `$`
 *    (`\$$` → `$`), `\'` vanishes (both characters), `$$x` → `$x`, and `${…}` / `$${…}` are replaced.
 * 2. Positional splitting (`switch_separate_string(buf, ' ', …)`, src/switch_utils.c): `play_and_get_digits` and
 *    the `uuid_broadcast` api split on spaces; `'…'` groups, `\` protects the next character from the split, and
 *    `cleanup_separated_string` then drops quotes and turns `\\ \' \" \n \r \t \s` into `\ ' " LF CR TAB space`
 *    (a `\` before anything else stays), and trims unescaped spaces at both ends.
 * 3. The prompt list (`switch_ivr_play_file`, src/switch_ivr_play_say.c): with `playback_delimiter=!` a file
 *    argument is split on `!` by the same function, so `\!` is one more escape.
 *
 * `speak engine|voice|text` (mod_dptools `speak_function`) splits only the first two `|` and speaks the rest of
 * the expanded argument verbatim ("unstripped text"), so its text only needs layer 1.
 */

/**
 * Layer 1: `arg` as written so that variable expansion gives `arg` back. A string the switch leaves alone (no
 * `\` and no `${`) is returned unchanged — escaping a `$` there would leave the backslash in.
 */
export function protectFromExpansion(arg: string): string {
  if (!arg.includes('\\') && !/\$\{/.test(arg)) return arg;
  // Now the switch rewrites the string (it holds `\\` or `\${`): `\\` gives `\` and `\$` gives `$`.
  return arg.replace(/[\\$]/g, (character) => `\\${character}`);
}

const POSITIONAL_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Layer 2: one positional argument, in `'…'` when it is empty or holds a space, quote, backslash, tab or line
 * break; inside, `\` and `'` are escaped and tabs and line breaks written as escapes, so the argument stays one
 * printable line that the splitter gives back whole.
 */
export function positionalArgument(value: string): string {
  if (value !== '' && !/[\s'\\]/.test(value)) return value;
  return `'${value.replace(/[\\'\n\r\t]/g, (character) => POSITIONAL_ESCAPES[character] as string)}'`;
}

/** The delimiter the runtime sets as `playback_delimiter` so one argument can carry several prompts. */
export const PLAYBACK_DELIMITER = '!';

/** Layer 3: one prompt inside a `!`-delimited file list: `\`, `'` and `!` escaped, and spaces at either end kept. */
export function delimitedItem(item: string): string {
  const escaped = item.replace(/[\\'!]/g, (character) => `\\${character}`);
  const lead = /^ */.exec(escaped)?.[0].length ?? 0;
  const trail = / *$/.exec(escaped.slice(lead))?.[0].length ?? 0;
  return '\\s'.repeat(lead) + escaped.slice(lead, escaped.length - trail) + '\\s'.repeat(trail);
}

/** `speak`'s argument: the text after the second `|` is spoken as the expansion leaves it (leading spaces dropped). */
export function speakArgument(engine: string, voice: string, text: string): string {
  return protectFromExpansion(`${engine}|${voice}|${text}`);
}
