/**
 * Caller numbers as roles below admin see them: the country code and the start of the number (enough to tell a
 * mobile from a landline, a country from another) and the last three digits (enough to tell calls apart), never the
 * whole number. Done on the server, so unmasked numbers never reach those roles.
 */

/** Country calling codes of one digit (NANP, Russia/Kazakhstan) and of two; every other code has three digits. */
const ONE_DIGIT_CODES = new Set(["1", "7"]);
const TWO_DIGIT_CODES = new Set([
  "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58",
  "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
]);

const HIDDEN = "•••";
/** Digits of the national number shown before the hidden part, at most. */
const SHOWN_START = 4;
const SHOWN_END = 3;
/** Digits hidden, at least. */
const MIN_HIDDEN = 3;

function countryCodeLength(digits: string): number {
  if (ONE_DIGIT_CODES.has(digits.slice(0, 1))) return 1;
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return 2;
  return 3;
}

/**
 * `+447700900999` → `+44 7700 •••999`; `+14155550123` → `+1 4155 •••123`; a national or short number keeps only its
 * last digits (`02071234567` → `•••567`, `1000` → `•••0`); anything that is not a number (a SIP address) is
 * hidden whole. Names such as `anonymous` carry nobody's number and stay as they are.
 */
export function maskCallerNumber(number: string): string {
  const trimmed = number.trim();
  if (trimmed === "" || /^(anonymous|unknown|private|restricted)$/i.test(trimmed)) return trimmed;
  const compact = trimmed.replace(/[\s().-]/g, "");
  if (!/^\+?\d+$/.test(compact)) return HIDDEN;
  const international = compact.startsWith("+");
  const digits = international ? compact.slice(1) : compact;
  // Short numbers (extensions) show one digit at most, and none when that would leave fewer than three hidden.
  const end = digits.length >= SHOWN_END + MIN_HIDDEN ? SHOWN_END : digits.length > MIN_HIDDEN ? 1 : 0;
  const last = digits.slice(digits.length - end);
  if (!international) return `${HIDDEN}${last}`;
  const code = digits.slice(0, countryCodeLength(digits));
  const national = digits.slice(code.length);
  const start = national.slice(0, Math.max(0, Math.min(SHOWN_START, national.length - end - MIN_HIDDEN)));
  return `+${code}${start ? ` ${start}` : ""} ${HIDDEN}${last}`;
}

/**
 * A number that routes like the caller's as far as a masked viewer can tell — the shown digits kept, the hidden ones
 * zeros — for scenarios made from a call by someone who may not see the number (`+447700900999` → `+447700000999`).
 */
export function standInNumber(number: string): string {
  const masked = maskCallerNumber(number);
  if (masked === number.trim()) return masked;
  const compact = number.trim().replace(/[\s().-]/g, "");
  if (!/^\+?\d+$/.test(compact)) return "anonymous";
  const visible = masked.replace(/\s/g, "");
  const [head = "", tail = ""] = visible.split(HIDDEN);
  const hidden = compact.length - head.length - tail.length;
  return `${head}${"0".repeat(Math.max(0, hidden))}${tail}`;
}
