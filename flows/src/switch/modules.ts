import { assertNever } from '../util/assert-never.js';
import type { SwitchRequirement } from './requirements.js';

/**
 * The deployment settings that decide which FreeSWITCH module serves a requirement. The runtime builds this from
 * its command settings (`runtime/src/freeswitch/commands.ts`) and its callback dialer's dial string.
 */
export interface SwitchSettings {
  /** Text-to-speech engine, as in `speak <engine>|<voice>|…` (`flite` → mod_flite). */
  readonly ttsEngine: string;
  /** Transfer dial-string templates by destination type (`user/{destination}@${domain}`, `sofia/…`). */
  readonly dialStrings: { readonly extension: string; readonly number: string; readonly sip: string };
  /** The callback dialer's dial string (`loopback/{number}/default`). */
  readonly callbackDialString: string;
}

/** Endpoint (the dial string's first segment) → module that provides it, in FreeSWITCH 1.10. */
const ENDPOINT_MODULES: Readonly<Record<string, string>> = {
  user: 'mod_dptools',
  group: 'mod_dptools',
  error: 'mod_dptools',
  pickup: 'mod_dptools',
  sofia: 'mod_sofia',
  loopback: 'mod_loopback',
  null: 'mod_loopback',
  verto: 'mod_verto',
  freetdm: 'mod_freetdm',
  skinny: 'mod_skinny',
  rtmp: 'mod_rtmp',
};

/** Stream schemes (`scheme://…`) → module with that file interface. `silence_stream` is mod_tone_stream's too. */
const STREAM_MODULES: Readonly<Record<string, string | null>> = {
  local_stream: 'mod_local_stream',
  tone_stream: 'mod_tone_stream',
  silence_stream: 'mod_tone_stream',
  shout: 'mod_shout',
  http_cache: 'mod_http_cache',
  // Played by the core itself.
  file_string: null,
};

/** File extensions libsndfile reads (mod_sndfile), and the compressed ones mod_shout plays. */
const SNDFILE_EXTENSIONS = new Set(['wav', 'aif', 'aiff', 'aifc', 'au', 'snd', 'flac', 'ogg', 'oga', 'raw', 'r8', 'r16', 'r24', 'r32', 'gsm', 'vox', 'caf', 'w64']);
const SHOUT_EXTENSIONS = new Set(['mp3']);

/**
 * The module that provides the endpoint of a dial string (`{vars}sofia/gateway/x/{destination}` → mod_sofia),
 * or null when the endpoint is not one Switchboard knows (then nothing is checked).
 */
export function endpointModule(dialString: string): string | null {
  const stripped = dialString.replace(/^(\s*[{[<][^}\]>]*[}\]>])+/, '').trim();
  const endpoint = stripped.split('/')[0] ?? '';
  return ENDPOINT_MODULES[endpoint] ?? null;
}

/**
 * The modules needed to play an audio file argument: a stream scheme's module, mod_sndfile for `.wav` and other
 * libsndfile formats, mod_shout for `.mp3`. Unknown schemes and extensions (and remote URLs, whose module depends
 * on the switch's configuration) give none: nothing is checked rather than a guess.
 */
export function audioModules(file: string, settings: SwitchSettings): string[] {
  const stripped = file.replace(/^(\s*\{[^}]*\})+/, '').trim();
  if (stripped.startsWith('say:')) return [ttsModule(settings)];
  const scheme = /^([a-z_]+):\/\//.exec(stripped);
  if (scheme) {
    const module = STREAM_MODULES[scheme[1] as string];
    return module ? [module] : [];
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(stripped)?.[1]?.toLowerCase();
  if (extension === undefined) return [];
  if (SNDFILE_EXTENSIONS.has(extension)) return ['mod_sndfile'];
  if (SHOUT_EXTENSIONS.has(extension)) return ['mod_shout'];
  return [];
}

function ttsModule(settings: SwitchSettings): string {
  return `mod_${settings.ttsEngine}`;
}

/**
 * The FreeSWITCH modules a requirement needs with these settings, following the command mapping in
 * `runtime/src/freeswitch/commands.ts`: `callcenter` (mod_callcenter), `voicemail` (mod_voicemail), `speak` and
 * `say:` (the TTS engine's module), `playback` of files and streams, `bridge` through the dial strings. mod_dptools
 * and mod_commands, which every call uses, are the runtime's own baseline and not listed per node.
 */
export function modulesForRequirement(requirement: SwitchRequirement, settings: SwitchSettings): string[] {
  switch (requirement.kind) {
    case 'queue':
      return ['mod_callcenter'];
    case 'voicemail':
      return ['mod_voicemail'];
    case 'textToSpeech':
      return [ttsModule(settings)];
    case 'audio':
      return audioModules(requirement.file, settings);
    case 'transfer': {
      const module = endpointModule(settings.dialStrings[requirement.destination]);
      return module ? [module] : [];
    }
    case 'callback': {
      const module = endpointModule(settings.callbackDialString);
      return module ? ['mod_callcenter', module] : ['mod_callcenter'];
    }
    default:
      return assertNever(requirement, 'switch requirement');
  }
}
