import type { Application } from './app-context.js';
import { answer, hangup, playback, set, speak, unset } from './basic.js';
import { bridge } from './bridge.js';
import { callcenter } from './callcenter.js';
import { playAndGetDigits } from './play-and-get-digits.js';

/** Applications the emulator can run, by FreeSWITCH app name. */
export const APPLICATIONS: Readonly<Record<string, Application>> = {
  answer,
  set,
  unset,
  playback,
  speak,
  play_and_get_digits: playAndGetDigits,
  callcenter,
  bridge,
  hangup,
};
