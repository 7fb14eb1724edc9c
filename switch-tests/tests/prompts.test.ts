import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdMusicWav } from '@switchboard/runtime/testing/wav';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

/** Texts that have broken prompts on the way to the TTS engine: quoting, escapes, expansion, separators, non-ASCII. */
const AWKWARD = {
  quotes: `It's "quoted", 100% sure! Isn't it?`,
  backslash: 'A back\\slash, a \\n and a \\\\ pair.',
  expansion: 'Not a variable: ${ not a variable } and {braces} and $dollars.',
  separators: 'Line one, with a comma,\nline two; and three.',
  chinese: '您好，欢迎致电 Acme。',
} as const;
const AWKWARD_KEYS = Object.keys(AWKWARD) as Array<keyof typeof AWKWARD>;
const MENU_PROMPT = `Press 1 or 2, then "hash"! It's 50% off \\ today, \${ not this either }.`;

let env: SuiteEnvironment;
/** A recorded prompt: a WAV the suite writes (FreeSWITCH runs on this host). */
let chimeFile: string;
beforeAll(async () => {
  chimeFile = join(await mkdtemp(join(tmpdir(), 'switchboard-prompts-')), 'chime.wav');
  await writeFile(chimeFile, holdMusicWav(1));
  env = await startSuite();
  await env.switchboard.deploy(
    '+15550201',
    flowDocument(
      'Awkward announcements',
      [...AWKWARD_KEYS.map((key) => ({ id: key, type: 'announcement', data: { prompt: say(AWKWARD[key]) } })), hangupNode('bye')],
      AWKWARD_KEYS.map((key, index) => [key, 'next', AWKWARD_KEYS[index + 1] ?? 'bye'] as const),
    ),
  );
  await env.switchboard.deploy(
    '+15550202',
    flowDocument(
      'Awkward menu prompt',
      [
        { id: 'ask', type: 'collectDigits', data: { prompt: say(MENU_PROMPT), minDigits: 1, maxDigits: 1, pattern: '[12]', timeoutSeconds: 5, maxRetries: 0 } },
        hangupNode('thanks', 'Thank you.'),
        hangupNode('sorry', 'Sorry.'),
      ],
      [
        ['ask', 'ok', 'thanks'],
        ['ask', 'failed', 'sorry'],
      ],
    ),
  );
  await env.switchboard.deploy(
    '+15550203',
    flowDocument(
      'PIN entry',
      [
        {
          id: 'pin',
          type: 'collectDigits',
          data: {
            prompt: say('Enter your four digit PIN, then press hash.'),
            minDigits: 4,
            maxDigits: 4,
            pattern: '[1-5]{4}',
            timeoutSeconds: 2,
            interDigitTimeoutSeconds: 2,
            maxRetries: 1,
            invalidPrompt: say('That PIN is not valid.'),
            noInputPrompt: say('I did not hear anything.'),
          },
        },
        { id: 'accepted', type: 'announcement', data: { prompt: say('PIN accepted.') } },
        hangupNode('bye', 'Goodbye.'),
      ],
      [
        ['pin', 'ok', 'accepted'],
        ['pin', 'failed', 'bye'],
        ['accepted', 'next', 'bye'],
      ],
    ),
  );
  await env.switchboard.deploy(
    '+15550204',
    flowDocument(
      'Audio prompts',
      [
        { id: 'tone', type: 'announcement', data: { prompt: { text: { en: 'A beep.' }, audio: 'tone_stream://%(400,0,800)' } } },
        { id: 'music', type: 'announcement', data: { prompt: { text: { en: 'Some music.' }, audio: chimeFile } } },
        hangupNode('bye', 'That was audio.'),
      ],
      [
        ['tone', 'next', 'music'],
        ['music', 'next', 'bye'],
      ],
    ),
  );
});
afterAll(async () => {
  await env?.close();
});

describe('text prompts reach flite exactly as written', () => {
  /** One call through all the awkward announcements; each test checks one of them. */
  let announced: Promise<{ spoken: string[]; cause: string; visits: string[] }> | undefined;
  const announcements = () =>
    (announced ??= (async () => {
      const call = await env.observer.call('+15550201');
      const cause = await call.ended();
      const record = await env.switchboard.callRecord(call.caller);
      return { spoken: await env.spokenOn(call), cause, visits: record.visits.map((visit) => visit.nodeId) };
    })());

  it('the call goes through every announcement and hangs up normally', async () => {
    const { cause, visits, spoken } = await announcements();
    expect(cause).toBe('NORMAL_CLEARING');
    expect(visits).toEqual(['start', ...AWKWARD_KEYS, 'bye']);
    expect(spoken).toHaveLength(AWKWARD_KEYS.length);
  });

  for (const [index, key] of AWKWARD_KEYS.entries()) {
    it(`speak: ${key} — ${JSON.stringify(AWKWARD[key])}`, async () => {
      expect((await announcements()).spoken[index]).toBe(AWKWARD[key]);
    });
  }

  it('a digit-collection prompt (play_and_get_digits with say:) with the same characters', async () => {
    const call = await env.observer.call('+15550202');
    await call.executes('play_and_get_digits');
    await waitForSpoken(call, 1);
    await call.dtmf('2');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(await env.spokenOn(call)).toEqual([MENU_PROMPT, 'Thank you.']);
  });
});

describe('collecting digits', () => {
  it('a valid entry goes on by the ok outlet', async () => {
    const call = await env.observer.call('+15550203');
    await call.executes('play_and_get_digits');
    await call.dtmf('1234#');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(await env.spokenOn(call)).toEqual(['Enter your four digit PIN, then press hash.', 'PIN accepted.', 'Goodbye.']);
    const completed = (await call.events()).find((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.header('Application') === 'play_and_get_digits');
    expect(completed?.header('variable_switchboard_digits')).toBe('1234');
    const record = await env.switchboard.callRecord(call.caller);
    expect(record.visits.map((visit) => visit.nodeId)).toEqual(['start', 'pin', 'accepted', 'bye']);
  });

  // Off the pattern and too short both fail differently inside the switch (`_invalid` vs TOO_SMALL); the caller
  // must hear the invalid prompt for either, never the no-input one.
  it.each([
    ['an entry off the pattern (9999)', '9999'],
    ['an entry too short (12#)', '12#'],
  ])('%s hears the invalid prompt and is asked again, not the no-input one', async (_what, digits) => {
    const call = await env.observer.call('+15550203');
    await call.executes('play_and_get_digits');
    await call.dtmf(digits);
    await waitForSpoken(call, 2);
    await call.dtmf('4321#');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    const spoken = await env.spokenOn(call);
    expect(spoken[0]).toBe('Enter your four digit PIN, then press hash.');
    expect(spoken).toContain('That PIN is not valid.');
    expect(spoken).not.toContain('I did not hear anything.');
    expect(spoken.slice(-2)).toEqual(['PIN accepted.', 'Goodbye.']);
  });

  it('no input twice leaves by the failed outlet', async () => {
    const call = await env.observer.call('+15550203');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    const spoken = await env.spokenOn(call);
    expect(spoken).toContain('I did not hear anything.');
    expect(spoken).not.toContain('PIN accepted.');
    expect(spoken.at(-1)).toBe('Goodbye.');
    const record = await env.switchboard.callRecord(call.caller);
    expect(record.visits.map((visit) => visit.nodeId)).toEqual(['start', 'pin', 'bye']);
    expect(record.visits[1]).toMatchObject({ nodeId: 'pin', outlet: 'failed' });
  });
});

describe('audio prompts', () => {
  it('plays a tone and a WAV file instead of the text, then goes on', async () => {
    const call = await env.observer.call('+15550204');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    const played = (await call.events()).filter((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.header('Application') === 'playback');
    expect(played.map((e) => [e.header('Application-Data'), e.header('Application-Response')])).toEqual([
      ['tone_stream://%(400,0,800)', 'FILE PLAYED'],
      [chimeFile, 'FILE PLAYED'],
    ]);
    expect(await env.spokenOn(call)).toEqual(['That was audio.']);
  });
});

/** Waits until flite has started `count` texts on the call (so DTMF is not sent before the prompt). */
async function waitForSpoken(call: Parameters<SuiteEnvironment['spokenOn']>[0], count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await env.spokenOn(call)).length < count) {
    if (Date.now() > deadline) throw new Error(`flite did not start ${count} texts within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
