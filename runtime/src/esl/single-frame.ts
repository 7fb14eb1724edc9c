/**
 * FreeSWITCH writes each event as its own frame, `Content-Length: N\nContent-Type: text/event-plain\n\n` and
 * then the N bytes of the event, and a socket read usually brings exactly one. Recognising that case from the
 * chunk's first bytes lets the connection hand the event on without the general parser — on the switch's pace,
 * where each event finds the process cold, the general parser's steps were a third of the time between a
 * prompt's completion arriving and the next prompt leaving.
 */

const LENGTH_LINE = Buffer.from('Content-Length: ', 'latin1');
const TYPE_LINE = Buffer.from('\nContent-Type: text/event-plain\n\n', 'latin1');

/**
 * The event bytes when `chunk` is exactly one `text/event-plain` frame laid out as FreeSWITCH writes it, with
 * a body of at most `maxBodyBytes`; `undefined` for anything else (another layout, several frames, a frame cut
 * short), which the general parser then reads. The general parser, given the same chunk in the idle state,
 * yields the one frame with this body: the layout fixes its first blank line, `Content-Length` and
 * `Content-Type`. Plain byte comparisons: no string, no regular expression, no call into Buffer's search.
 */
export function wholeEventFrameBody(chunk: Buffer, maxBodyBytes: number): Buffer | undefined {
  if (chunk.length <= LENGTH_LINE.length + 1 + TYPE_LINE.length) return undefined;
  for (let i = 0; i < LENGTH_LINE.length; i++) if (chunk[i] !== LENGTH_LINE[i]) return undefined;
  let at = LENGTH_LINE.length;
  let length = 0;
  for (; at < LENGTH_LINE.length + 15; at++) {
    const digit = (chunk[at] as number) - 0x30;
    if (digit < 0 || digit > 9) break;
    length = length * 10 + digit;
  }
  if (at === LENGTH_LINE.length || at + TYPE_LINE.length > chunk.length) return undefined;
  for (let i = 0; i < TYPE_LINE.length; i++) if (chunk[at + i] !== TYPE_LINE[i]) return undefined;
  const start = at + TYPE_LINE.length;
  if (length === 0 || length > maxBodyBytes || start + length !== chunk.length) return undefined;
  return chunk.subarray(start);
}
