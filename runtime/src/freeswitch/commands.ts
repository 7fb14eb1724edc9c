/**
 * Effect → FreeSWITCH commands: the exact `sendmsg execute` apps and `api` commands the runtime sends for each
 * interpreter effect. Pure (no sockets, no Node APIs): the browser simulator imports it to show testers what the
 * switch will be told, and the runtime's effect executors send exactly these.
 *
 * Why each mapping is what it is is written beside it; `runtime/README.md` has the overview.
 */
import { assertNever, because, say, type Because, type Effect, type EffectOf, type ResolvedPrompt, type Said, type TransferDestination } from '@switchboard/flows';
import { RUNTIME_LEAVE_KEY } from './results.js';
import { delimitedItem, PLAYBACK_DELIMITER, positionalArgument, protectFromExpansion, speakArgument } from './arguments.js';

/** One command for the switch. */
export type SwitchCommand =
  /** `sendmsg` + `call-command: execute`; completes on the CHANNEL_EXECUTE_COMPLETE that echoes its Event-UUID. */
  | { readonly kind: 'execute'; readonly app: string; readonly arg: string | null; readonly eventLock: boolean }
  /** `api <command>` (sent on the call's own outbound socket, which runs `full`). */
  | { readonly kind: 'api'; readonly command: string };

/** What the runtime does for one effect. */
export interface EffectCommands {
  readonly commands: readonly SwitchCommand[];
  /** What happens besides switch commands (service calls, timers, analytics), for the simulator; null if nothing. */
  readonly note: string | null;
  /** `note` by message id and values (flows' `REASON_MESSAGES`, `note.*`), for a UI to say in its language. */
  readonly noteSaid?: Said;
}

/** Dial-string templates for transfers; `{destination}` is replaced by the extension, number or SIP URI. */
export interface DialStrings {
  /** Default `user/{destination}@${domain}` (a directory user on this switch). */
  readonly extension: string;
  /** Default `sofia/gateway/default/{destination}` (an outside number through the gateway named `default`). */
  readonly number: string;
  /** Default `sofia/external/{destination}` (`sip:` is dropped from the URI). */
  readonly sip: string;
}

/** Deployment settings the mapping depends on. */
export interface CommandSettings {
  /** Text-to-speech engine and voice, e.g. `flite` / `kal` (mod_flite) or `unimrcp` / a voice name. */
  readonly tts: { readonly engine: string; readonly voice: string };
  readonly dialStrings: DialStrings;
  /** Voicemail domain when the flow names none; default `${domain}` (the switch's own domain variable). */
  readonly voicemailDomain: string;
  /** Channel variable `play_and_get_digits` leaves the digits in (`<name>_invalid` holds rejected entries). */
  readonly digitsVariable: string;
}

export const DEFAULT_COMMAND_SETTINGS: CommandSettings = {
  tts: { engine: 'flite', voice: 'kal' },
  dialStrings: { extension: 'user/{destination}@${domain}', number: 'sofia/gateway/default/{destination}', sip: 'sofia/external/{destination}' },
  voicemailDomain: '${domain}',
  digitsVariable: 'switchboard_digits',
};

/**
 * play_and_get_digits' regex: the entry's length (min_digits is sent as 1, see collectDigits) and, when the flow
 * has one, its pattern, anchored as the interpreter anchors it. FreeSWITCH tests it with PCRE (switch_regex_match).
 */
export function digitsRegex(minDigits: number, maxDigits: number, pattern: string | null): string {
  const length = `[0-9*#]{${minDigits},${maxDigits}}`;
  return pattern === null ? `^${length}$` : `^(?=${length}$)(?:${pattern})$`;
}

/** play_and_get_digits' terminator argument when the flow wants none (an empty one would mean `#`). */
export const NO_TERMINATOR = 'none';

/** Played after a rejected entry; the interpreter plays its own apology, so this is only a short pause. */
export const INVALID_ENTRY_PAUSE = 'silence_stream://250';

const NOTHING: EffectCommands = { commands: [], note: null };

function execute(app: string, arg: string | null = null, eventLock = true): SwitchCommand {
  return { kind: 'execute', app, arg, eventLock };
}

function set(name: string, value: string): SwitchCommand {
  return execute('set', `${name}=${value}`);
}

function noteOf(said: Because): { note: string; noteSaid: Said } {
  return { note: said.reason, noteSaid: said.said };
}

function note(said: Because): EffectCommands {
  return { commands: [], note: said.reason, noteSaid: said.said };
}

/** `speak` with engine and voice in the argument, or `playback` of an audio file. */
function promptCommand(prompt: ResolvedPrompt, settings: CommandSettings): SwitchCommand {
  if (prompt.audio !== undefined) return execute('playback', prompt.audio);
  return execute('speak', speakArgument(settings.tts.engine, settings.tts.voice, prompt.text ?? ''));
}

/** A prompt as a file argument of `switch_ivr_play_file`: a file, or `say:<text>` spoken with tts_engine/tts_voice. */
function promptFile(prompt: ResolvedPrompt): string {
  return prompt.audio !== undefined ? prompt.audio : `say:${prompt.text ?? ''}`;
}

function dialString(destination: TransferDestination, settings: CommandSettings): string {
  const type = destination.type;
  switch (type) {
    case 'extension':
      return settings.dialStrings.extension.replace('{destination}', destination.value);
    case 'number':
      return settings.dialStrings.number.replace('{destination}', destination.value);
    case 'sip':
      return settings.dialStrings.sip.replace('{destination}', destination.value.replace(/^sip:/, ''));
    default:
      return assertNever(type);
  }
}

function play(effect: EffectOf<'play'>, settings: CommandSettings): EffectCommands {
  // Without the variable, `*` stops a prompt (mod_dptools' default); barge-in lets any key stop it, and the DTMF
  // event that stopped it is the caller's answer.
  return { commands: [set('playback_terminators', effect.bargeIn ? 'any' : 'none'), promptCommand(effect.prompt, settings)], note: null };
}

function collectDigits(effect: EffectOf<'collectDigits'>, settings: CommandSettings): EffectCommands {
  const commands: SwitchCommand[] = [];
  if (effect.prompts.some((prompt) => prompt.audio === undefined)) {
    // `say:<text>` in a file argument is spoken by switch_ivr_play_file with these two channel variables.
    commands.push(set('tts_engine', settings.tts.engine), set('tts_voice', settings.tts.voice));
  }
  // Several prompts in one argument: split on playback_delimiter, with no pause between them. (`file_string://`
  // cannot carry `say:` items: it opens each item as a file.)
  commands.push(set('playback_delimiter', PLAYBACK_DELIMITER), set('playback_sleep_val', '0'));
  const file = effect.prompts.length === 0 ? 'silence_stream://10' : effect.prompts.map((prompt) => delimitedItem(promptFile(prompt))).join(PLAYBACK_DELIMITER);
  const args = [
    // Not the flow's minimum: an entry shorter than min_digits ends switch_ivr_read with TOO_SMALL, and
    // play_and_get_digits then sets neither the variable's success nor `<var>_invalid` — the entry would look
    // like silence. With min 1 a short entry is read; the regex (and the interpreter) reject its length.
    String(Math.min(effect.minDigits, 1)),
    String(effect.maxDigits),
    '1', // tries: the interpreter owns retries and their apology prompts
    String(effect.timeoutMs),
    // An empty terminator argument means `#` to play_and_get_digits; `none` holds no key, so no key terminates.
    effect.terminator ?? NO_TERMINATOR,
    file,
    INVALID_ENTRY_PAUSE,
    settings.digitsVariable,
    digitsRegex(effect.minDigits, effect.maxDigits, effect.pattern),
    String(effect.interDigitTimeoutMs),
  ];
  commands.push(execute('play_and_get_digits', protectFromExpansion(args.map(positionalArgument).join(' '))));
  return { commands, note: null };
}

function enqueue(effect: EffectOf<'enqueue'>): EffectCommands {
  const commands: SwitchCommand[] = [];
  if (effect.skills.length > 0) {
    // mod_callcenter has no skills of its own: the agent leg gets them (cc_export_vars) for routing and screens.
    commands.push(set('switchboard_skills', effect.skills.join(',')), set('cc_export_vars', 'switchboard_skills'));
  }
  commands.push(
    // mod_callcenter serves the highest base_score + seconds waited first: a callback re-entering keeps its
    // original wait, and priority adds virtual seconds.
    set('cc_base_score', String(Math.max(0, Math.round(effect.baseScoreSeconds + effect.priority)))),
    // The flow's keys end the wait with EXIT_WITH_KEY; the runtime's own key is how leaveQueue takes the caller out.
    set('cc_exit_keys', `${effect.exitKeys.join('')}${RUNTIME_LEAVE_KEY}`),
    effect.musicOnHold !== null ? set('cc_moh_override', effect.musicOnHold) : execute('unset', 'cc_moh_override'),
    // mod_callcenter bridges an agent with uuid_bridge, which takes the caller out of the dialplan's `socket` app:
    // when the agent hangs up, the dialplan would carry on after `socket` (its fallback) while the flow goes on.
    // Parked instead, the caller stays with the runtime, which plays the flow's continuation.
    set('park_after_bridge', 'true'),
    // No event-lock: an event-locked app holds the channel's queued events, so position announcements sent with
    // uuid_broadcast would wait until the caller left the queue.
    execute('callcenter', effect.queue, false),
  );
  return { commands, ...(effect.statusEverySeconds > 0 ? noteOf(because('note.queueStatusEvery', { seconds: effect.statusEverySeconds })) : { note: null }) };
}

function transfer(effect: EffectOf<'transfer'>, settings: CommandSettings): EffectCommands {
  const options = [`originate_timeout=${effect.timeoutSeconds}`];
  if (effect.callerIdNumber !== null) options.push(`origination_caller_id_number=${effect.callerIdNumber}`);
  return {
    commands: [
      // A failed bridge must not hang up the caller: the flow takes the busy / noAnswer / failed route.
      set('continue_on_fail', 'true'),
      // An answered transfer is the end of the flow: the call clears when the parties hang up.
      set('hangup_after_bridge', 'true'),
      // park_after_bridge (left by a queue wait) would win over hangup_after_bridge and park the caller instead.
      execute('unset', 'park_after_bridge'),
      execute('bridge', `{${options.join(',')}}${dialString(effect.destination, settings)}`),
    ],
    note: null,
  };
}

function voicemail(effect: EffectOf<'voicemail'>, settings: CommandSettings): EffectCommands {
  const target = `default ${effect.domain ?? settings.voicemailDomain} ${effect.mailbox}`;
  if (effect.greeting === null) return { commands: [execute('unset', 'skip_greeting'), execute('voicemail', target)], note: null };
  // The flow's own greeting replaces the mailbox's recorded one.
  return { commands: [set('playback_terminators', 'none'), promptCommand(effect.greeting, settings), set('skip_greeting', 'true'), execute('voicemail', target)], note: null };
}

/** The app `uuid_broadcast` queues for a queue announcement: plays its file once and reads no DTMF. */
export const ANNOUNCE_APP = 'loop_playback';

function uuidSetvar(channelUuid: string, name: string, value: string): SwitchCommand {
  return { kind: 'api', command: `uuid_setvar ${channelUuid} ${name} ${value}` };
}

/**
 * A prompt for a caller waiting in a queue. uuid_broadcast queues the app on the channel and callcenter's
 * hold-music loop runs it nested (switch_ivr_parse_all_events), then resumes the music. The app must not read
 * DTMF: `playback` and `speak` pass an input callback to switch_ivr_play_file / speak_text, which dequeues every
 * digit pressed meanwhile — mod_dptools' on_dtmf stops the prompt on a playback_terminator, but either way the
 * digit is gone and callcenter's moh_on_dtmf never sees the caller's exit key (seen on FreeSWITCH 1.10.12).
 * `loop_playback +1 <file>` calls switch_ivr_play_file with no input arguments, which leaves digits queued; when
 * the prompt ends callcenter's own play_file dequeues the key and the member leaves with EXIT_WITH_KEY.
 * Text is a `say:` item (tts_engine/tts_voice); playback_delimiter is set so the item is read the same way
 * whatever an earlier prompt left. Layers (arguments.ts): 3 the delimited item, 1 the app's own expansion, 2 the
 * api's space splitting; `aleg` = the channel named by the uuid (the caller), not a bridged peer.
 */
function announce(effect: EffectOf<'announce'>, channelUuid: string, settings: CommandSettings): EffectCommands {
  const commands: SwitchCommand[] = [];
  if (effect.prompt.audio === undefined) commands.push(uuidSetvar(channelUuid, 'tts_engine', settings.tts.engine), uuidSetvar(channelUuid, 'tts_voice', settings.tts.voice));
  commands.push(uuidSetvar(channelUuid, 'playback_delimiter', PLAYBACK_DELIMITER));
  const item = delimitedItem(promptFile(effect.prompt));
  const path = `${ANNOUNCE_APP}::${protectFromExpansion(`+1 ${item}`)}`;
  commands.push({ kind: 'api', command: `uuid_broadcast ${channelUuid} ${positionalArgument(path)} aleg` });
  return { commands, note: null };
}

/**
 * Before the runtime presses its key: `bridge_filter_dtmf=true` on the caller. If an agent answers at that same
 * moment, mod_callcenter bridges the caller (switch_ivr_uuid_bridge) and the bridge forwards every digit still
 * queued on the caller's channel to the agent (audio_bridge_thread: switch_core_session_send_dtmf) — the agent
 * would hear the D. The bridge reads this variable once when it starts and then drops the caller's digits instead.
 */
export function leaveQueueFilter(channelUuid: string): SwitchCommand {
  return uuidSetvar(channelUuid, 'bridge_filter_dtmf', 'true');
}

/** After the wait is over (and leftover keys are flushed): `uuid_setvar` without a value unsets the filter again. */
export function leaveQueueUnfilter(channelUuid: string): SwitchCommand {
  return { kind: 'api', command: `uuid_setvar ${channelUuid} bridge_filter_dtmf` };
}

/** Read before each press: mod_callcenter sets `cc_agent_found=true` on the caller before it bridges an agent. */
export function agentFoundQuery(channelUuid: string): string {
  return `uuid_getvar ${channelUuid} cc_agent_found`;
}

/** First half of leaving a queue: `uuid_break <uuid> all` stops the announcement playing and drops queued ones. */
export function leaveQueueBreak(channelUuid: string): SwitchCommand {
  return { kind: 'api', command: `uuid_break ${channelUuid} all` };
}

/** Second half: the caller "presses" {@link RUNTIME_LEAVE_KEY}, which is in `cc_exit_keys`. */
export function leaveQueueKey(channelUuid: string): SwitchCommand {
  return { kind: 'api', command: `uuid_recv_dtmf ${channelUuid} ${RUNTIME_LEAVE_KEY}` };
}

/**
 * The commands for one effect. `channelUuid` is the call's channel (the simulator may pass a placeholder).
 * Effects that are not switch commands return none and a note saying what the runtime does instead.
 */
export function commandsForEffect(effect: Effect, channelUuid: string, settings: CommandSettings = DEFAULT_COMMAND_SETTINGS): EffectCommands {
  switch (effect.kind) {
    case 'answer':
      return { commands: [execute('answer')], note: null };
    case 'play':
      return play(effect, settings);
    case 'collectDigits':
      return collectDigits(effect, settings);
    case 'announce':
      return announce(effect, channelUuid, settings);
    case 'queueStatus':
      return note(because('note.queueService', { queue: effect.queue }));
    case 'enqueue':
      return enqueue(effect);
    case 'leaveQueue':
      // mod_callcenter's wait ends only for an agent, its own timeouts, an exit key or a hang-up (uuid_break just
      // restarts the hold music, and apps sent meanwhile run nested inside callcenter). So: stop and drop any
      // queue announcement (a prompt playing inside the wait would swallow the key), then press the runtime's
      // exit key for the caller; the member leaves with EXIT_WITH_KEY and the app returns.
      return {
        commands: [leaveQueueFilter(channelUuid), leaveQueueBreak(channelUuid), { kind: 'api', command: agentFoundQuery(channelUuid) }, leaveQueueKey(channelUuid), leaveQueueUnfilter(channelUuid)],
        ...noteOf(because('note.leaveQueue')),
      };
    case 'startTimer':
      return note(because('note.timerStarted', { name: effect.name, ms: effect.afterMs }));
    case 'cancelTimer':
      return note(because('note.timerCancelled', { name: effect.name }));
    case 'transfer':
      return transfer(effect, settings);
    case 'scheduleCallback':
      return note(because('note.callback', { number: effect.number, queue: effect.queue }));
    case 'scheduleSurveyCallback':
      return note(because('note.surveyCallback', { number: effect.number, seconds: Math.round(effect.delayMs / 1000) }));
    case 'httpRequest':
      return note(because('note.http', { method: effect.method, url: effect.url, ms: effect.timeoutMs }));
    case 'voicemail':
      return voicemail(effect, settings);
    case 'hangup':
      return { commands: [execute('hangup', effect.cause)], note: null };
    case 'visit':
    case 'setVariable':
    case 'enterSubflow':
    case 'exitSubflow':
    case 'subflowRefused':
    case 'calendarMissing':
      return NOTHING;
    case 'surveyAnswer':
      return note(because('note.surveyAnswer', { question: effect.question, score: effect.score }));
    case 'end':
      return note(because('note.callRecord', { outcome: say(`outcome.${effect.outcome}`), reason: effect.said ?? effect.reason }));
    default:
      return assertNever(effect);
  }
}

/** A command as the ESL wire shows it, for logs and the simulator: `execute bridge {…}user/2000@${domain}`. */
export function describeCommand(command: SwitchCommand): string {
  const kind = command.kind;
  switch (kind) {
    case 'execute':
      return command.arg === null ? `execute ${command.app}` : `execute ${command.app} ${command.arg}`;
    case 'api':
      return `api ${command.command}`;
    default:
      return assertNever(kind);
  }
}
