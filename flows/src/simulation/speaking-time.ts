import type { ResolvedPrompt } from '../interpreter/effects.js';

/** Assumed length of an audio file the simulator cannot open. */
export const AUDIO_FILE_MS = 4000;
const MS_PER_WORD = 400; // about 150 words a minute, a calm IVR voice
const MS_PER_CJK_CHARACTER = 250; // about 4 characters a second
const LEAD_IN_MS = 300;
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff]/g;

/**
 * How long a prompt takes to play, estimated from its text: the simulated clock moves on by this much, so
 * timeouts and queue waits start when they would on a real call.
 */
export function estimatedSpeakingMs(prompt: ResolvedPrompt): number {
  if (prompt.audio !== undefined) return AUDIO_FILE_MS;
  const text = prompt.text ?? '';
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').split(/\s+/).filter((word) => word !== '').length;
  return LEAD_IN_MS + words * MS_PER_WORD + cjk * MS_PER_CJK_CHARACTER;
}
