/**
 * Finding one header in a header block's raw bytes (`Name: value` lines), without decoding the block into a
 * string or parsing its other lines. Frames and events answer single-header questions this way: an event carries
 * some ninety headers and the runtime reads a handful.
 */

/** `\n` + header name, encoded once per name: what {@link findRawHeader} searches the raw bytes for. */
const needles = new Map<string, Buffer>();

function needleFor(name: string): Buffer {
  let needle = needles.get(name);
  if (needle === undefined) {
    needle = Buffer.from(`\n${name}`, 'utf8');
    if (needles.size < 256) needles.set(name, needle);
  }
  return needle;
}

/**
 * The raw value of the first header line called `name` in `bytes[0, end)` (`Name: value` lines): the value after
 * `: `, `''` for a line that is just the name, `undefined` when there is none. Same answer as decoding the block
 * and parsing every line, without building the block's string (some 2.9 KB per event) or the headers.
 */
export function findRawHeader(bytes: Buffer, end: number, name: string): string | undefined {
  const needle = needleFor(name);
  const nameLength = needle.length - 1;
  // `at` is where a candidate name starts: at the very start of the block (no `\n` before it), then after each `\n`.
  let at = end >= nameLength && bytes.compare(needle, 1, needle.length, 0, nameLength) === 0 ? 0 : nextLineStart(bytes, needle, 0);
  for (; at !== -1 && at + nameLength <= end; at = nextLineStart(bytes, needle, at)) {
    const after = at + nameLength;
    if (after === end || bytes[after] === 0x0a) return '';
    if (bytes[after] === 0x3a && after + 1 < end && bytes[after + 1] === 0x20) {
      const lineEnd = bytes.indexOf(0x0a, after + 2);
      return bytes.toString('utf8', after + 2, lineEnd === -1 || lineEnd > end ? end : lineEnd);
    }
  }
  return undefined;
}

/** Start of the next line (from `from` on) that begins with the needle's name, or -1. */
function nextLineStart(bytes: Buffer, needle: Buffer, from: number): number {
  const at = bytes.indexOf(needle, from);
  return at === -1 ? -1 : at + 1;
}
