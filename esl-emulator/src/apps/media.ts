import type { AppContext } from './app-context.js';
import type { Channel } from '../model/channel.js';
import { splitOnDelimiter } from '../wire/app-arguments.js';

const SAMPLE_RATE = 8000;

/**
 * Simulated length of a prompt in ms: `tone_stream://%(on,off,freq)` plays `on` ms (repeated by `;loops=N`,
 * forever with `loops=-1`), `silence_stream://N` plays N ms; anything else plays `fallbackMs`.
 */
export function promptDurationMs(file: string, fallbackMs = 1000): number {
  const tone = /^tone_stream:\/\/%\((\d+),(\d+)/.exec(file);
  if (tone) {
    const loops = /;loops=(-?\d+)/.exec(file);
    if (loops?.[1] === '-1') return Number.POSITIVE_INFINITY;
    const once = Number(tone[1]) + Number(tone[2]);
    return loops ? once * Number(loops[1]) : Number(tone[1]);
  }
  const silence = /^silence_stream:\/\/(\d+)/.exec(file);
  if (silence) return Number(silence[1]);
  return fallbackMs;
}

/** Plays a prompt; returns how many ms actually played (less when the caller hung up or `until` resolved). */
export async function playPrompt(context: AppContext, file: string, interrupt?: Promise<unknown>): Promise<{ playedMs: number; completed: boolean }> {
  const durationMs = promptDurationMs(file);
  const started = context.core.clock.now();
  const finite = Number.isFinite(durationMs);
  const completed = await Promise.race([finite ? context.sleep(durationMs) : new Promise<boolean>(() => undefined), ...(interrupt ? [interrupt.then(() => false)] : []), hangupPromise(context)]);
  const playedMs = completed ? durationMs : Math.max(0, Math.round(context.core.clock.now() - started));
  setPlaybackVariables(context, playedMs);
  return { playedMs, completed };
}

const SPEAK_MS_PER_CHARACTER = 75;

/** The text a TTS engine is fed: `*` and `#` read as `star_replace` / `pound_replace` ("star", "pound"). */
export function spokenForm(channel: Channel, text: string): string {
  const star = channel.variables.get('star_replace') ?? 'star';
  const pound = channel.variables.get('pound_replace') ?? 'pound';
  return text.replace(/[*#]/g, (key) => (key === '*' ? star : pound));
}

/**
 * `switch_ivr_speak_text`: notes `Speaking text: <text>` as FreeSWITCH logs it — with `*` and `#` read as
 * `star_replace` / `pound_replace` ("star", "pound") — and takes about 75 ms per character.
 */
export async function speakAloud(context: AppContext, text: string, interrupt?: Promise<unknown>): Promise<{ playedMs: number; completed: boolean }> {
  context.note(`Speaking text: ${spokenForm(context.channel, text)}`);
  const durationMs = text.length * SPEAK_MS_PER_CHARACTER;
  const started = context.core.clock.now();
  const completed = await Promise.race([context.sleep(durationMs), ...(interrupt ? [interrupt.then(() => false)] : []), hangupPromise(context)]);
  return { playedMs: completed ? durationMs : Math.max(0, Math.round(context.core.clock.now() - started)), completed };
}

/**
 * `switch_ivr_play_file`: with `playback_delimiter` set, the argument is a list split on it (`switch_separate_string`);
 * a `say:<text>` item is spoken with `tts_engine` / `tts_voice`, anything else played as a file. Stops at the
 * first item that does not finish.
 */
export async function playFile(context: AppContext, file: string, interrupt?: Promise<unknown>): Promise<{ playedMs: number; completed: boolean }> {
  const delimiter = context.channel.variables.get('playback_delimiter')?.charAt(0);
  const items = delimiter ? splitOnDelimiter(file, delimiter) : [file];
  let playedMs = 0;
  for (const item of items) {
    let result: { playedMs: number; completed: boolean };
    if (/^say:/i.test(item)) {
      if (!context.channel.variables.get('tts_engine')) {
        context.note(`play_file: Invalid Args (say: without tts_engine) ${JSON.stringify(item)}`);
        continue;
      }
      result = await speakAloud(context, item.slice(4), interrupt);
    } else {
      result = await playPrompt(context, item, interrupt);
    }
    playedMs += result.playedMs;
    if (!result.completed) return { playedMs, completed: false };
  }
  return { playedMs, completed: true };
}

const hangups = new WeakMap<AbortSignal, Promise<boolean>>();

/** Resolves `false` when the channel hangs up (one promise per channel, so prompts do not pile up listeners). */
export function hangupPromise(context: AppContext): Promise<boolean> {
  const signal = context.channel.hangupSignal;
  let hangup = hangups.get(signal);
  if (!hangup) {
    hangup = new Promise((resolve) => {
      if (signal.aborted) resolve(false);
      else signal.addEventListener('abort', () => resolve(false), { once: true });
    });
    hangups.set(signal, hangup);
  }
  return hangup;
}

/** The `playback_*` variables FreeSWITCH leaves after playing a file. */
export function setPlaybackVariables(context: AppContext, playedMs: number): void {
  const samples = Math.floor((playedMs * SAMPLE_RATE) / 1000);
  context.channel.setVariable('playback_last_offset_pos', String(samples));
  context.channel.setVariable('playback_seconds', String(Math.floor(playedMs / 1000)));
  context.channel.setVariable('playback_ms', String(playedMs));
  context.channel.setVariable('playback_samples', String(samples));
}
