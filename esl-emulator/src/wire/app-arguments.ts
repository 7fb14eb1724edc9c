/**
 * FreeSWITCH's argument splitting (`switch_separate_string` in switch_utils.c): how `play_and_get_digits`,
 * `uuid_broadcast` and friends split their argument on spaces, and how `switch_ivr_play_file` splits a file list
 * on `playback_delimiter`. `'…'` groups, `\` escapes the next character, and quotes and escapes are removed.
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

/** Splits an application argument on spaces the way FreeSWITCH apps with positional arguments do. */
export function splitOnSpaces(text: string): string[] {
  const parts: string[] = [];
  let index = 0;
  while (index < text.length) {
    while (text[index] === ' ') index++;
    if (index >= text.length) break;
    const start = index;
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
  parts.push(cleanup(text.slice(start), delimiter));
  return parts;
}
