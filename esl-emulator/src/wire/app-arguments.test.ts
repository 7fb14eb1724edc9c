import { describe, expect, it } from 'vitest';
import { splitOnDelimiter, splitOnSpaces } from './app-arguments.js';

describe('FreeSWITCH argument splitting', () => {
  it('splits on spaces, groups quoted words and removes quotes and escapes', () => {
    expect(splitOnSpaces('1 1 3 3000 # tone_stream://%(200,0,600) silence_stream://250 ivr_digit ^[0-9*#]$')).toEqual([
      '1', '1', '3', '3000', '#', 'tone_stream://%(200,0,600)', 'silence_stream://250', 'ivr_digit', '^[0-9*#]$',
    ]);
    expect(splitOnSpaces("a 'say:For sales, press 1.' ''  b")).toEqual(['a', 'say:For sales, press 1.', '', 'b']);
    expect(splitOnSpaces("'It\\'s a \\\\ backslash'")).toEqual(["It's a \\ backslash"]);
  });

  it('splits file lists on the playback delimiter, honouring escaped delimiters', () => {
    expect(splitOnDelimiter('say:Hello\\! there!/sounds/menu.wav', '!')).toEqual(['say:Hello! there', '/sounds/menu.wav']);
    expect(splitOnDelimiter("say:We\\'re open", '!')).toEqual(["say:We're open"]);
  });
});
