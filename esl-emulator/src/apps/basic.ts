import { answerChannel } from '../model/lifecycle.js';
import type { Application } from './app-context.js';
import { playFile, speakAloud } from './media.js';
import { speakText } from '../wire/app-arguments.js';

/** `answer`: answers the channel if it is not answered yet. */
export const answer: Application = async (context) => {
  if (context.channel.answerState !== 'ringing') return;
  // On a loopback pair, answering the B leg answers the A leg first.
  context.answerPeer();
  answerChannel(context.core, context.channel);
  context.channel.setVariable('endpoint_disposition', 'ANSWER');
};

/** `set name=value`: sets a channel variable (an empty value removes it). */
export const set: Application = async (context, arg) => {
  const separator = arg.indexOf('=');
  if (separator <= 0) return;
  context.channel.setVariable(arg.slice(0, separator), arg.slice(separator + 1));
};

/** `unset name`: removes a channel variable. */
export const unset: Application = async (context, arg) => {
  context.channel.setVariable(arg.trim(), undefined);
};

/** `playback <file>`: FILE PLAYED when it ran to the end, PLAYBACK ERROR when the caller hung up mid-prompt. */
export const playback: Application = async (context, arg) => {
  const { completed } = await playFile(context, arg);
  context.channel.setVariable('current_application_response', completed ? 'FILE PLAYED' : 'PLAYBACK ERROR');
};

/** `speak engine|voice|text` (or `voice|text` / `text` with `tts_engine`/`tts_voice` set). */
export const speak: Application = async (context, arg) => {
  const parsed = speakText(arg);
  const engine = parsed.engine ?? context.channel.variables.get('tts_engine');
  if (!engine) {
    context.note(`speak: no TTS engine for ${JSON.stringify(parsed.text)}`);
    return;
  }
  await speakAloud(context, parsed.text);
};

/** `hangup [cause]`: hangs the channel up (NORMAL_CLEARING by default). */
export const hangup: Application = async (context, arg) => {
  context.hangup(arg.trim() || 'NORMAL_CLEARING');
};
