const UNSAFE = new Set(Array.from('\r\n #%&+:;<=>?@[\\]^`{|}"'));

/** URL-encodes a header value exactly like FreeSWITCH's `switch_url_encode` does for `text/event-plain`. */
export function encodeHeaderValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x20 || byte > 0x7e || UNSAFE.has(char) ? '%' + byte.toString(16).toUpperCase().padStart(2, '0') : char;
  }
  return out;
}
