import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePlainEvent, eventHeader, eventVariables, type EslEvent } from './event.js';
import { headerValue, parseHeaderLines } from './frame.js';

function plainEvent(text: string): EslEvent {
  const decoded = decodePlainEvent(Buffer.from(text, 'utf8'));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.event;
}

describe('plain events read header by header', () => {
  it('finds the first header with exactly that name, not one that merely starts with it', () => {
    const event = plainEvent('Event-Name: CHANNEL_EXECUTE_COMPLETE\nApplication-UUID: u-1\nApplication: playback\nApplication-Response: FILE%20PLAYED\nApplication: second\n\n');
    expect(event.name).toBe('CHANNEL_EXECUTE_COMPLETE');
    expect(eventHeader(event, 'Application')).toBe('playback');
    expect(eventHeader(event, 'Application-Response')).toBe('FILE PLAYED');
    expect(eventHeader(event, 'UUID')).toBeUndefined();
    expect(eventHeader(event, 'Missing')).toBeUndefined();
  });

  it("never reads the event's own body as headers", () => {
    const event = plainEvent('Event-Name: BACKGROUND_JOB\nJob-UUID: j-1\nContent-Length: 22\n\nReply-Text: +OK\nX: y\n\n');
    expect(event.body).toBe('Reply-Text: +OK\nX: y\n\n');
    expect(eventHeader(event, 'Reply-Text')).toBeUndefined();
    expect(eventHeader(event, 'Job-UUID')).toBe('j-1');
  });

  it('keeps all headers, in order and decoded, for whoever asks for them', () => {
    const event = plainEvent('Event-Name: CHANNEL_DATA\nvariable_a: 1%202\nvariable_b: x\n\n');
    expect(event.headers.map((header) => [header.name, header.value, header.raw])).toEqual([
      ['Event-Name', 'CHANNEL_DATA', 'CHANNEL_DATA'],
      ['variable_a', '1 2', '1%202'],
      ['variable_b', 'x', 'x'],
    ]);
    expect(eventVariables(event)).toEqual({ a: '1 2', b: 'x' });
    expect(JSON.parse(JSON.stringify(event))).toEqual({
      name: 'CHANNEL_DATA',
      format: 'plain',
      headers: [
        { name: 'Event-Name', value: 'CHANNEL_DATA', raw: 'CHANNEL_DATA' },
        { name: 'variable_a', value: '1 2', raw: '1%202' },
        { name: 'variable_b', value: 'x', raw: 'x' },
      ],
    });
  });

  it('gives the same answer as parsing every line, for any header block and any name', () => {
    const name = fc.constantFrom('A', 'AB', 'B', 'A-B', 'Event-Name', 'Content-Type');
    const line = fc.oneof(
      fc.tuple(name, fc.stringMatching(/^[ -~]{0,12}$/)).map(([header, value]) => `${header}: ${value}`),
      name,
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), name, (lines, wanted) => {
        const text = lines.join('\n');
        const event = plainEvent(`${text}\n\n`);
        expect(eventHeader(event, wanted)).toBe(headerValue(parseHeaderLines(text), wanted));
      }),
    );
  });
});
