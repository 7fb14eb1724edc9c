import type { AppContext } from './app-context.js';

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
