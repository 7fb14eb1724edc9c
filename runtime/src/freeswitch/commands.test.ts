import { expandVariables, speakText, splitOnDelimiter, splitOnSpaces } from '@switchboard/esl-emulator';
import type { Effect, EffectKind } from '@switchboard/flows';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANNOUNCE_APP, commandsForEffect, digitsRegex, DEFAULT_COMMAND_SETTINGS, describeCommand, NO_TERMINATOR, type CommandSettings } from './commands.js';

const UUID = '0b7c1c2e-0000-4000-8000-000000000001';

function wire(effect: Effect, settings: CommandSettings = DEFAULT_COMMAND_SETTINGS): string[] {
  return commandsForEffect(effect, UUID, settings).commands.map(describeCommand);
}

const en = (text: string) => ({ language: 'en', text });

/** One example per effect kind; `satisfies` makes a new kind fail to compile until it has a test. */
const EXPECTED = {
  answer: [{ kind: 'answer' }, ['execute answer']],
  play: [{ kind: 'play', prompt: en('Thank you for calling.'), bargeIn: false, seq: 1 }, ['execute set playback_terminators=none', 'execute speak flite|kal|Thank you for calling.']],
  collectDigits: [
    { kind: 'collectDigits', prompts: [en('Sorry!'), { language: 'en', audio: '/sounds/menu.wav' }], minDigits: 1, maxDigits: 1, timeoutMs: 5000, interDigitTimeoutMs: 3000, terminator: '#', pattern: null, seq: 2 },
    [
      'execute set tts_engine=flite',
      'execute set tts_voice=kal',
      'execute set playback_delimiter=!',
      'execute set playback_sleep_val=0',
      "execute play_and_get_digits 1 1 1 5000 # 'say:Sorry\\\\\\\\!!/sounds/menu.wav' silence_stream://250 switchboard_digits ^[0-9*#]{1,1}\\$ 3000",
    ],
  ],
  announce: [
    { kind: 'announce', prompt: en('You are number 3 in the queue.') },
    [
      `api uuid_setvar ${UUID} tts_engine flite`,
      `api uuid_setvar ${UUID} tts_voice kal`,
      `api uuid_setvar ${UUID} playback_delimiter !`,
      `api uuid_broadcast ${UUID} 'loop_playback::+1 say:You are number 3 in the queue.' aleg`,
    ],
  ],
  queueStatus: [{ kind: 'queueStatus', queue: 'support@default', seq: 3 }, []],
  enqueue: [
    { kind: 'enqueue', queue: 'support@default', priority: 10, skills: ['billing', 'fr'], baseScoreSeconds: 95, exitKeys: ['1', '2'], statusEverySeconds: 60, musicOnHold: 'local_stream://moh', seq: 4 },
    [
      'execute set switchboard_skills=billing,fr',
      'execute set cc_export_vars=switchboard_skills',
      'execute set cc_base_score=105',
      'execute set cc_exit_keys=12D',
      'execute set cc_moh_override=local_stream://moh',
      'execute set park_after_bridge=true',
      'execute callcenter support@default',
    ],
  ],
  leaveQueue: [
    { kind: 'leaveQueue', queue: 'support@default' },
    [
      `api uuid_setvar ${UUID} bridge_filter_dtmf true`,
      `api uuid_break ${UUID} all`,
      `api uuid_getvar ${UUID} cc_agent_found`,
      `api uuid_recv_dtmf ${UUID} D`,
      `api uuid_setvar ${UUID} bridge_filter_dtmf`,
    ],
  ],
  startTimer: [{ kind: 'startTimer', name: 'queue.maxWait', afterMs: 120000 }, []],
  cancelTimer: [{ kind: 'cancelTimer', name: 'queue.maxWait' }, []],
  transfer: [
    { kind: 'transfer', destination: { type: 'extension', value: '2000' }, timeoutSeconds: 25, callerIdNumber: null, seq: 5 },
    ['execute set continue_on_fail=true', 'execute set hangup_after_bridge=true', 'execute unset park_after_bridge', 'execute bridge {originate_timeout=25}user/2000@${domain}'],
  ],
  scheduleCallback: [{ kind: 'scheduleCallback', queue: 'support@default', number: '+441234567890', keepPlace: true, originalWaitSeconds: 30, priority: 0, window: null, seq: 6 }, []],
  scheduleSurveyCallback: [
    { kind: 'scheduleSurveyCallback', nodeId: 'survey', number: '+441234567890', delayMs: 120_000, survey: { flow: 'Support', nodeId: 'survey', language: 'en', questions: { question: { text: { en: 'Rate us 1 to 5.' } }, secondQuestion: null, timeoutMs: 5000, maxRetries: 1, retryPrompt: null } }, seq: 8 },
    [],
  ],
  setVariable: [{ kind: 'setVariable', name: 'x', value: 1 }, []],
  httpRequest: [{ kind: 'httpRequest', method: 'GET', url: 'https://crm.example.com/x', headers: {}, body: null, timeoutMs: 2000, seq: 7 }, []],
  enterSubflow: [{ kind: 'enterSubflow', flow: 'Identify caller' }, []],
  exitSubflow: [{ kind: 'exitSubflow', flow: 'Identify caller', outcome: 'done' }, []],
  subflowRefused: [{ kind: 'subflowRefused', flow: 'Billing', limit: 8, chain: ['Main', 'Billing'], reason: 'nested 8 deep' }, []],
  calendarMissing: [{ kind: 'calendarMissing', nodeId: 'hours', calendar: 'Gone', reason: 'not found' }, []],
  surveyAnswer: [{ kind: 'surveyAnswer', nodeId: 'survey', question: 1, score: 4 }, []],
  voicemail: [{ kind: 'voicemail', mailbox: 'general', domain: null, greeting: null, seq: 8 }, ['execute unset skip_greeting', 'execute voicemail default ${domain} general']],
  hangup: [{ kind: 'hangup', cause: 'NORMAL_CLEARING', reason: 'done' }, ['execute hangup NORMAL_CLEARING']],
  visit: [{ kind: 'visit', flow: 'Main', nodeId: 'menu', nodeType: 'menu', at: 0, arrivedFrom: null }, []],
  end: [{ kind: 'end', outcome: 'selfServed', flow: 'Main', nodeId: 'bye', at: 0, reason: 'done', lastExit: null }, []],
} satisfies { [K in EffectKind]: [Extract<Effect, { kind: K }>, string[]] };

describe('effect → FreeSWITCH commands', () => {
  for (const [kind, [effect, expected]] of Object.entries(EXPECTED)) {
    it(`${kind}`, () => {
      expect(wire(effect as Effect)).toEqual(expected);
    });
  }

  it('effects with no switch command say what the runtime does instead', () => {
    expect(commandsForEffect(EXPECTED.queueStatus[0], UUID).note).toMatch(/callcenter_config/);
    expect(commandsForEffect(EXPECTED.startTimer[0], UUID).note).toBe('timer "queue.maxWait" fires in 120000 ms');
  });

  it('notes carry a message id and values besides the English, the call record note with the end reason\'s own id', () => {
    expect(commandsForEffect(EXPECTED.startTimer[0], UUID).noteSaid).toEqual({ id: 'note.timerStarted', params: { name: 'queue.maxWait', ms: 120000 } });
    const end: Effect = { kind: 'end', outcome: 'voicemail', flow: 'f', nodeId: 'vm', at: 0, reason: 'message recorded', said: { id: 'voicemail.recorded' }, lastExit: null };
    expect(commandsForEffect(end, UUID)).toEqual({
      commands: [],
      note: 'call record: voicemail (message recorded)',
      noteSaid: { id: 'note.callRecord', params: { outcome: { id: 'outcome.voicemail' }, reason: { id: 'voicemail.recorded' } } },
    });
    // An end from older data, with no id: the reason is said as it came.
    expect(commandsForEffect({ ...end, said: undefined }, UUID).noteSaid?.params?.['reason']).toBe('message recorded');
  });

  it('callcenter runs without event-lock so announcements can play during the wait; every other app is locked', () => {
    const locks = commandsForEffect(EXPECTED.enqueue[0], UUID).commands.map((command) => (command.kind === 'execute' ? `${command.app}:${command.eventLock}` : ''));
    expect(locks.at(-1)).toBe('callcenter:false');
    expect(locks.slice(0, -1).every((lock) => lock.endsWith(':true'))).toBe(true);
  });

  it('audio, barge-in, no terminator, a pattern, a number and a SIP transfer with caller id, a greeting, no music', () => {
    expect(wire({ kind: 'play', prompt: { language: 'en', audio: '/sounds/hi.wav' }, bargeIn: true })).toEqual(['execute set playback_terminators=any', 'execute playback /sounds/hi.wav']);
    const pin = wire({ kind: 'collectDigits', prompts: [{ language: 'en', audio: '/p.wav' }], minDigits: 4, maxDigits: 6, timeoutMs: 7000, interDigitTimeoutMs: 2000, terminator: null, pattern: '^(?:\\d{4,6})$' });
    expect(pin.slice(0, 2)).toEqual(['execute set playback_delimiter=!', 'execute set playback_sleep_val=0']);
    const pinArgs = splitOnSpaces(expand(pin[2]!.slice('execute play_and_get_digits '.length)), 11);
    expect(pinArgs).toEqual(['1', '6', '1', '7000', 'none', '/p.wav', 'silence_stream://250', 'switchboard_digits', digitsRegex(4, 6, '^(?:\\d{4,6})$'), '2000']);
    expect(wire({ kind: 'transfer', destination: { type: 'number', value: '+442071234567' }, timeoutSeconds: 30, callerIdNumber: '+441000000000' }).at(-1)).toBe(
      'execute bridge {originate_timeout=30,origination_caller_id_number=+441000000000}sofia/gateway/default/+442071234567',
    );
    expect(wire({ kind: 'transfer', destination: { type: 'sip', value: 'sip:support@pbx.example.com' }, timeoutSeconds: 30, callerIdNumber: null }).at(-1)).toBe(
      'execute bridge {originate_timeout=30}sofia/external/support@pbx.example.com',
    );
    expect(wire({ kind: 'voicemail', mailbox: '100', domain: 'acme.example.com', greeting: en('Leave a message.') })).toEqual([
      'execute set playback_terminators=none',
      'execute speak flite|kal|Leave a message.',
      'execute set skip_greeting=true',
      'execute voicemail default acme.example.com 100',
    ]);
    expect(wire({ ...EXPECTED.enqueue[0], skills: [], exitKeys: [], musicOnHold: null, priority: 0, baseScoreSeconds: 0 })).toEqual([
      'execute set cc_base_score=0',
      'execute set cc_exit_keys=D',
      'execute unset cc_moh_override',
      'execute set park_after_bridge=true',
      'execute callcenter support@default',
    ]);
    expect(wire({ kind: 'announce', prompt: { language: 'en', audio: '/sounds/pos.wav' } })).toEqual([
      `api uuid_setvar ${UUID} playback_delimiter !`,
      `api uuid_broadcast ${UUID} 'loop_playback::+1 /sounds/pos.wav' aleg`,
    ]);
  });

  it('TTS engine, voice and dial strings come from the settings', () => {
    const settings: CommandSettings = { ...DEFAULT_COMMAND_SETTINGS, tts: { engine: 'unimrcp', voice: 'Joanna' }, dialStrings: { ...DEFAULT_COMMAND_SETTINGS.dialStrings, extension: 'sofia/internal/{destination}@pbx.local' } };
    expect(wire(EXPECTED.play[0], settings).at(-1)).toBe('execute speak unimrcp|Joanna|Thank you for calling.');
    expect(wire(EXPECTED.transfer[0], settings).at(-1)).toBe('execute bridge {originate_timeout=25}sofia/internal/2000@pbx.local');
  });

  it('a prompt with variables, quotes and line breaks is protected, not rewritten', () => {
    // Expansion would turn `${price}` into the variable and `\'` into nothing; `\\` and `\$` give `\` and `$` back.
    expect(wire({ kind: 'play', prompt: en("Cost: ${price}, don't\nwait"), bargeIn: false }).at(-1)).toBe("execute speak flite|kal|Cost: \\${price}, don't\nwait");
    expect(wire({ kind: 'play', prompt: en("It's $5"), bargeIn: false }).at(-1)).toBe("execute speak flite|kal|It's $5");
  });
});

/**
 * What a caller hears, by FreeSWITCH 1.10.12's own reading of each command — the emulator's line-by-line model
 * of `switch_channel_expand_variables_check`, `switch_separate_string` and `speak_function` (checked against the
 * real switch by `real-switch-check.ts`). A `${…}` that reached expansion would come out as `EXPANDED`.
 */
const expand = (arg: string) => expandVariables(arg, () => 'EXPANDED');

function heardFromPlay(text: string): string {
  const command = commandsForEffect({ kind: 'play', prompt: en(text), bargeIn: false, seq: 1 }, UUID).commands.at(-1);
  if (command?.kind !== 'execute' || command.app !== 'speak' || command.arg === null) throw new Error('no speak');
  return speakText(expand(command.arg)).text;
}

function heardFromCollect(texts: readonly string[]): string[] {
  const command = commandsForEffect({ kind: 'collectDigits', prompts: texts.map(en), minDigits: 1, maxDigits: 1, timeoutMs: 1000, interDigitTimeoutMs: 1000, terminator: null, pattern: null, seq: 1 }, UUID).commands.at(-1);
  if (command?.kind !== 'execute' || command.app !== 'play_and_get_digits' || command.arg === null) throw new Error('no play_and_get_digits');
  expect(command.arg).not.toMatch(/[\r\n]/); // one header line
  const args = splitOnSpaces(expand(command.arg), 11);
  expect(args).toHaveLength(10);
  expect(args[4]).toBe(NO_TERMINATOR);
  expect(args[8]).toBe('^[0-9*#]{1,1}$');
  return splitOnDelimiter(args[5] ?? '', '!').map((item) => {
    expect(item.startsWith('say:')).toBe(true);
    return item.slice('say:'.length);
  });
}

function heardFromAnnounce(text: string): string {
  const command = commandsForEffect({ kind: 'announce', prompt: en(text) }, UUID).commands.at(-1);
  if (command?.kind !== 'api') throw new Error('no api');
  expect(command.command).not.toMatch(/[\r\n]/);
  const [name, ...rest] = command.command.split(' ');
  expect(name).toBe('uuid_broadcast');
  const [uuid, path = '', legs] = splitOnSpaces(rest.join(' '), 4);
  expect([uuid, legs]).toEqual([UUID, 'aleg']);
  // The caller's keys must reach callcenter: the broadcast app is loop_playback, which reads no DTMF.
  expect(path.startsWith(`${ANNOUNCE_APP}::+1 `)).toBe(true);
  const file = expand(path.slice(`${ANNOUNCE_APP}::`.length)).replace(/^\+1 /, '');
  const items = splitOnDelimiter(file, '!');
  expect(items).toHaveLength(1);
  expect(items[0]?.startsWith('say:')).toBe(true);
  return (items[0] ?? '').slice('say:'.length);
}

/** Every character FreeSWITCH's readers treat specially, plus letters, spaces and Chinese. */
describe('play_and_get_digits reads any entry and rejects a wrong length by its regex', () => {
  // min_digits 1: a shorter entry would end switch_ivr_read with TOO_SMALL, which play_and_get_digits reports
  // with no digits and no `<var>_invalid`, as if the caller had said nothing (seen on FreeSWITCH 1.10.12).
  it('sends min_digits 1 whatever the flow asks', () => {
    const command = commandsForEffect({ kind: 'collectDigits', prompts: [], minDigits: 4, maxDigits: 4, timeoutMs: 2000, interDigitTimeoutMs: 2000, terminator: '#', pattern: '[1-5]{4}', seq: 1 }, UUID).commands.at(-1);
    if (command?.kind !== 'execute' || command.arg === null) throw new Error('no play_and_get_digits');
    const args = splitOnSpaces(expand(command.arg), 11);
    expect(args.slice(0, 2)).toEqual(['1', '4']);
    expect(args[8]).toBe(digitsRegex(4, 4, '[1-5]{4}'));
  });

  it('the regex accepts exactly the entries of the right length that match the anchored pattern', () => {
    const keys = fc.string({ unit: fc.constantFrom(...'0123456789*#'), maxLength: 8 });
    const patterns = fc.constantFrom(null, '[12]', '[1-5]{4}', '\\d+', '1|22|333', '.*#');
    fc.assert(
      fc.property(keys, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), patterns, (entry, min, extra, pattern) => {
        const max = min + extra;
        const wanted = entry.length >= min && entry.length <= max && (pattern === null || new RegExp(`^(?:${pattern})$`).test(entry));
        expect(new RegExp(digitsRegex(min, max, pattern)).test(entry)).toBe(wanted);
      }),
    );
  });
});

const TRICKY = fc.string({ unit: fc.constantFrom(...'\\\'"!$${}%,;|: \t\n\r', 'a', 'b', 'n', 's', 't', '您', '好'), maxLength: 30 });

describe('any prompt text is heard exactly as written (FreeSWITCH 1.10.12 argument handling, from its C source)', () => {
  it('the prompts the real switch garbled or expanded', () => {
    expect(heardFromCollect(["Sorry, I didn't hear a choice.", 'Press 1!'])).toEqual(["Sorry, I didn't hear a choice.", 'Press 1!']);
    expect(heardFromPlay('Costs $5, $$10 and ${x} or $${y}')).toBe('Costs $5, $$10 and ${x} or $${y}');
    expect(heardFromAnnounce("You're number 3 \\ (50% done!)")).toBe("You're number 3 \\ (50% done!)");
  });

  it('speak (play): everything but leading spaces, which speak itself drops', () => {
    fc.assert(fc.property(TRICKY, (text) => {
        expect(heardFromPlay(text)).toBe(text.replace(/^ +/, ''));
      }));
  });

  it('play_and_get_digits: every prompt of a `!`-delimited say: list, exactly', () => {
    fc.assert(fc.property(fc.array(TRICKY, { minLength: 1, maxLength: 3 }), (texts) => {
        expect(heardFromCollect(texts)).toEqual(texts);
      }));
  });

  it('uuid_broadcast loop_playback say: announcements: every character, exactly', () => {
    fc.assert(fc.property(TRICKY, (text) => {
        expect(heardFromAnnounce(text)).toBe(text);
      }));
  });
});
