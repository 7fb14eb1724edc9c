/**
 * How FreeSWITCH 1.10.12 reads an application argument, modelled line by line on its C source:
 *
 * - {@link expandVariables}: `switch_channel_expand_variables_check` (src/switch_channel.c), run on every app's
 *   argument before the app sees it (`switch_core_session_exec`, unless `app_disable_expand_variables`).
 * - {@link splitOnSpaces} / {@link splitOnDelimiter}: `switch_separate_string` (src/switch_utils.c): how
 *   `play_and_get_digits`, `uuid_broadcast` and friends split their argument on spaces, and how
 *   `switch_ivr_play_file` splits a file list on `playback_delimiter`. `'…'` groups, `\` escapes the next
 *   character, and `cleanup_separated_string` removes quotes and escapes.
 * - {@link speakText}: `speak_function` (mod_dptools.c), which speaks everything after the second `|` verbatim.
 *
 * Where this model and the real switch differ, the model is wrong.
 */

const UNESCAPED: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', s: ' ' };

/** `cleanup_separated_string`: drops leading spaces, quote marks and escapes, and trailing spaces. */
function cleanup(text: string, delimiter: string | null): string {
  let index = 0;
  while (text[index] === ' ') index++;
  let out = '';
  let end = 0;
  let insideQuotes = false;
  for (; index < text.length; index++) {
    const character = text[index] as string;
    if (character === '\\' && index + 1 < text.length) {
      const next = text[index + 1] as string;
      const known = next === "'" || next === '"' || next === delimiter || next === '\\' ? next : UNESCAPED[next];
      if (known !== undefined) {
        index++;
        out += known;
        end = out.length;
        continue;
      }
    }
    if (character === "'" && (insideQuotes || text.indexOf("'", index + 1) !== -1)) {
      insideQuotes = !insideQuotes;
      if (insideQuotes) end = out.length;
      continue;
    }
    out += character;
    if (character !== ' ' || insideQuotes) end = out.length;
  }
  return out.slice(0, end);
}

/**
 * Splits an application argument on spaces the way FreeSWITCH apps with positional arguments do. With `limit`
 * (the size of the app's `argv`), the last part is the rest of the string, unsplit, as in the C code.
 */
export function splitOnSpaces(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const parts: string[] = [];
  let index = 0;
  while (index < text.length) {
    while (text[index] === ' ') index++;
    if (index >= text.length) break;
    const start = index;
    if (parts.length === limit - 1) {
      parts.push(cleanup(text.slice(start), null));
      break;
    }
    let insideQuotes = false;
    for (; index < text.length; index++) {
      const character = text[index];
      if (character === '\\') index++;
      else if (character === "'") insideQuotes = !insideQuotes;
      else if (character === ' ' && !insideQuotes) break;
    }
    parts.push(cleanup(text.slice(start, Math.min(index, text.length)), null));
  }
  return parts;
}

/** Splits a file list on `playback_delimiter` the way `switch_ivr_play_file` does. */
export function splitOnDelimiter(text: string, delimiter: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let insideQuotes = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '\\') index++;
    else if (character === "'" && (insideQuotes || text.indexOf("'", index + 1) !== -1)) insideQuotes = !insideQuotes;
    else if (character === delimiter && !insideQuotes) {
      parts.push(cleanup(text.slice(start, index), delimiter));
      start = index + 1;
    }
  }
  // A delimiter at the very end starts no further part (the C loop stops at the terminating NUL).
  if (start < text.length || parts.length === 0) parts.push(cleanup(text.slice(start), delimiter));
  return parts;
}

/**
 * `speak engine|voice|text`: what is spoken. The argument is split on `|` into at most three parts and the text is
 * the argument from the third part on, as written (only leading spaces go); with fewer parts the engine and voice
 * come from `tts_engine` / `tts_voice`.
 */
export function speakText(arg: string): { engine: string | undefined; voice: string | undefined; text: string } {
  const first = delimiterPositions(arg, '|', 2);
  if (first.length === 0) return { engine: undefined, voice: undefined, text: arg };
  const textStart = (first[first.length - 1] as number) + 1;
  const text = arg.slice(textStart).replace(/^ +/, '');
  if (first.length === 1) return { engine: undefined, voice: cleanup(arg.slice(0, textStart - 1), '|'), text };
  return { engine: cleanup(arg.slice(0, first[0]), '|'), voice: cleanup(arg.slice((first[0] as number) + 1, textStart - 1), '|'), text };
}

/** Indexes of the first `count` unquoted, unescaped `delimiter`s (separate_string_char_delim's scan). */
function delimiterPositions(text: string, delimiter: string, count: number): number[] {
  const positions: number[] = [];
  let insideQuotes = false;
  for (let index = 0; index < text.length && positions.length < count; index++) {
    const character = text[index];
    if (character === '\\') index++;
    else if (character === "'" && (insideQuotes || text.indexOf("'", index + 1) !== -1)) insideQuotes = !insideQuotes;
    else if (character === delimiter && !insideQuotes) positions.push(index);
  }
  return positions;
}

/** `${…}` contains no space or `(`: a variable. Otherwise it is an api call (`${api args}`, `${api(args)}`). */
export type VariableLookup = (name: string, global: boolean) => string | undefined;

/** `switch_string_var_check_const`: a `$`, any number of `\`, then `{`. */
function hasVariable(text: string): boolean {
  return /\$\\*\{/.test(text);
}

/** `switch_string_has_escaped_data`: a `\` followed by `\`, `n`, `s`, `t` or `'`. */
function hasEscapedData(text: string): boolean {
  return /\\[\\nst']/.test(text);
}

/**
 * `switch_channel_expand_variables_check`. A string with neither a variable nor escaped data comes back as it
 * is. Otherwise, left to right: `\\` → `\`; `\'` → nothing; `\$` (and `\$$`) → `$`; `$${name}` / `${name}` →
 * the global / channel variable (empty when unset; api calls are not run and give nothing); `$$` before anything
 * but `{` → `$`; every other character as it is.
 */
export function expandVariables(input: string, lookup: VariableLookup): string {
  if (!hasVariable(input) && !hasEscapedData(input)) return input;
  let out = '';
  let literal = false;
  for (let p = 0; p < input.length; p++) {
    let global = false;
    let variable = false;
    if (input[p] === '\\') {
      if (input[p + 1] === '$') {
        literal = true;
        p++;
        if (input[p + 1] === '$') p++;
      } else if (input[p + 1] === "'") {
        p++;
        continue;
      } else if (input[p + 1] === '\\') {
        out += '\\';
        p++;
        continue;
      }
    }
    if (input[p] === '$' && !literal) {
      if (input[p + 1] === '$') {
        p++;
        global = true;
      }
      if (p + 1 < input.length && input[p + 1] === '{') variable = true;
      else literal = true;
    }
    if (literal) {
      out += input[p];
      literal = false;
      continue;
    }
    if (!variable) {
      out += input[p];
      continue;
    }
    // `${` … the matching `}` (nested braces counted, as the C code does).
    const start = p + 2;
    let depth = 1;
    let end = start;
    for (; end < input.length; end++) {
      if (input[end] === '}' && depth === 1) break;
      if (end !== start && input[end] === '{') depth++;
      else if (depth > 1 && input[end] === '}') depth--;
    }
    const name = input.slice(start, end);
    out += /[ (]/.test(name) ? '' : (lookup(name, global) ?? '');
    // The character after `}` is copied as it is (even a `\\`), except a `$`, which the next turn reads again.
    p = end + 1;
    if (input[p] === '$') p--;
    else if (p < input.length) out += input[p];
  }
  return out;
}
