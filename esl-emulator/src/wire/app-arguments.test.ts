import { describe, expect, it } from 'vitest';
import { expandVariables, speakText, splitOnDelimiter, splitOnSpaces } from './app-arguments.js';

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

const noVariables = () => undefined;

describe('FreeSWITCH variable expansion (switch_channel_expand_variables_check)', () => {
  // Each pair is what `set v=<arg>` stored on FreeSWITCH 1.10.12 (uuid_getvar), sent as execute-app-arg.
  it.each([
    ["\\\\ \\' \\t", '\\  \\t'], // `\\` → `\`, `\'` vanishes whole, `\t` stays
    ['$$5 \\\\', '$5 \\'], // a string with an escape is rewritten: `$$` before anything but `{` is one `$`
    ['a\\$$b', 'a\\$$b'], // no escape and no `${`: left exactly as it is (the backslash stays)
    ['$$5', '$$5'],
    ["1 # 'say:I didn\\\\\\'t!x\\\\!' z", "1 # 'say:I didn\\t!x\\!' z"], // the garbled prompt: `didn\\\'t` → `didn\t`
  ])('%s → %s (seen on the real switch)', (input, stored) => {
    expect(expandVariables(input, noVariables)).toBe(stored);
  });

  it('replaces channel and global variables, including nested braces and the character after `}`', () => {
    const lookup = (name: string, global: boolean) => (global ? { g: 'G' }[name] : { x: 'X', 'a{b}': 'AB' }[name]);
    expect(expandVariables('pre${x}mid$${g}post${unset}.', lookup)).toBe('preXmidGpost.');
    expect(expandVariables('${a{b}}!', lookup)).toBe('AB!');
    expect(expandVariables('\\${x} and \\$${x}', lookup)).toBe('${x} and ${x}');
    expect(expandVariables('${x}\\\'', lookup)).toBe("X\\'"); // the character after `}` is copied as it is
    expect(expandVariables('${x}${x}', lookup)).toBe('XX');
    expect(expandVariables('${api arg} ${fn(x)}', lookup)).toBe(' ');
  });
});

describe('speak engine|voice|text (speak_function)', () => {
  it('speaks everything after the second | as written, without leading spaces', () => {
    expect(speakText("flite|kal|  It's a|b 'c' \\n")).toEqual({ engine: 'flite', voice: 'kal', text: "It's a|b 'c' \\n" });
    expect(speakText('kal|Hello')).toEqual({ engine: undefined, voice: 'kal', text: 'Hello' });
    expect(speakText('Hello')).toEqual({ engine: undefined, voice: undefined, text: 'Hello' });
  });
});

describe('C details of switch_separate_string', () => {
  it('stops splitting at the app’s argv size; a trailing delimiter starts no part', () => {
    expect(splitOnSpaces("uuid 'speak::a b' aleg extra words", 4)).toEqual(['uuid', 'speak::a b', 'aleg', 'extra words']);
    expect(splitOnDelimiter('a!', '!')).toEqual(['a']);
    expect(splitOnDelimiter('!a', '!')).toEqual(['', 'a']);
    expect(splitOnDelimiter("say:\\s\\sx\\s!b", '!')).toEqual(['say:  x ', 'b']);
  });
});
