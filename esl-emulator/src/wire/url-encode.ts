const UNSAFE = new Set(Array.from('\r\n #%&+:;<=>?@[\\]^`{|}"'));

/** Values made only of these characters are sent as they are (most headers): no per-byte work. */
const ALWAYS_SAFE = /^[A-Za-z0-9_.\-/,()!*'$~]*$/;

/** URL-encodes a header value exactly like FreeSWITCH's `switch_url_encode` does for `text/event-plain`. */
export function encodeHeaderValue(value: string): string {
  if (ALWAYS_SAFE.test(value)) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x20 || byte > 0x7e || UNSAFE.has(char) ? '%' + byte.toString(16).toUpperCase().padStart(2, '0') : char;
  }
  return out;
}
