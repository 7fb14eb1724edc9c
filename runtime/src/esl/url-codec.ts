/**
 * URL decoding and encoding of ESL header values.
 *
 * FreeSWITCH URL-encodes event header values (`Reply-Text: %2BOK%0A`) but also sends plain text that merely
 * contains a `%` (`Reply-Text: 100%`). Decoding must therefore never throw: a value that is not a valid
 * escape sequence is kept as it arrived.
 */


/**
 * Decodes `%XX` escapes in `raw`. Never throws: when the value holds a malformed escape or decodes to invalid
 * UTF-8, the raw value is returned unchanged.
 */
export function decodeHeaderValue(raw: string): string {
  if (raw.indexOf('%') === -1) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Characters FreeSWITCH's `switch_url_encode` escapes besides control and non-ASCII bytes. */
const FREESWITCH_URL_UNSAFE = new Set(Array.from('\r\n #%&+:;<=>?@[\\]^`{|}"'));

/**
 * Encodes a header value the way FreeSWITCH does for `text/event-plain` bodies and the outbound `connect`
 * reply: ASCII outside `' '..'~'` and the characters in `\r\n #%&+:;<=>?@[\]^`{|}"` become `%XX`; everything
 * else (letters, digits, `/`, `,`, `(`, `)`, `*`, `$`, `!`, `'`, `-`, `.`, `_`, `~`) is left as is.
 */
export function encodeHeaderValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (byte < 0x20 || byte > 0x7e || FREESWITCH_URL_UNSAFE.has(char)) {
      out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    } else {
      out += char;
    }
  }
  return out;
}

/** True when `raw` contains a `%` that does not start a two-hex-digit escape. */
export function hasMalformedEscape(raw: string): boolean {
  for (let i = raw.indexOf('%'); i !== -1; i = raw.indexOf('%', i + 1)) {
    const hex = raw.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return true;
  }
  return false;
}

