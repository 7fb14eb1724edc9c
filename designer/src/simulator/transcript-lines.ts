import type { Effect, Said, TranscriptEntry } from '@switchboard/flows';
import { commandsForEffect, describeCommand, DEFAULT_COMMAND_SETTINGS, type CommandSettings } from '@switchboard/runtime/commands';
import { eventFields, type EventField } from './events/event-fields';

/** Shown in place of the call's channel uuid: a simulated call has no channel. */
export const SIMULATED_CHANNEL = '<channel-uuid>';

/** One FreeSWITCH command as the runtime would write it, and whether the runtime skips it as a repeat. */
export interface CommandLine {
  text: string;
  /** A `set` to the value this call already gave the channel: the runtime does not send it again. */
  repeat: boolean;
}

/** A transcript line for the panel; text the panel translates is given as a key and values. */
export type TranscriptLine =
  | { kind: 'heard'; at: number; text: string; language: string; audio: boolean }
  | { kind: 'caller'; at: number; entry: Extract<TranscriptEntry, { kind: 'caller' }> }
  | { kind: 'collecting'; at: number; entered: string }
  | { kind: 'keysIgnored'; at: number; keys: string; why: 'nothingListening' | 'notAnExitKey' }
  | { kind: 'visit'; at: number; flow: string; nodeId: string; nodeType: string }
  /** Why a schedule took its branch: `holiday: Spring Festival (calendar CN-2027 rev 3) at 2027-02-08T10:00 Asia/Shanghai`. */
  | { kind: 'decision'; at: number; flow: string; nodeId: string; nodeType: string; outlet: string; reason: string; /** `reason` by message id; absent in old data. */ said?: Said }
  /** A schedule named a calendar the call does not have: it decided without it. */
  | { kind: 'calendarMissing'; at: number; nodeId: string; calendar: string }
  | { kind: 'effect'; at: number; effect: Effect; commands: CommandLine[]; note: string | null; noteSaid?: Said }
  | { kind: 'event'; at: number; from: 'caller' | 'switch'; type: string; fields: EventField[] };

/** What the caller hears in an effect: prompt texts (or audio files) in playing order. */
function heardIn(effect: Effect): Array<{ text: string; language: string; audio: boolean }> {
  const prompts =
    effect.kind === 'play' || effect.kind === 'announce'
      ? [effect.prompt]
      : effect.kind === 'collectDigits'
        ? effect.prompts
        : effect.kind === 'voicemail' && effect.greeting
          ? [effect.greeting]
          : [];
  return prompts.map((p) => ({ text: p.audio ?? p.text ?? '', language: p.language, audio: p.audio !== undefined }));
}

/**
 * The transcript as the panel shows it: what the caller hears, what they did, each effect with the exact
 * FreeSWITCH commands from the runtime's own mapping (`@switchboard/runtime/commands`), and the switch's answers.
 */
export function transcriptLines(entries: readonly TranscriptEntry[], settings: CommandSettings = DEFAULT_COMMAND_SETTINGS): TranscriptLine[] {
  const channel = new Map<string, string | null>();
  const lines: TranscriptLine[] = [];
  /** Node types by `flow/nodeId`, from the visits so far: the node a visit arrived from gets its decision line. */
  const types = new Map<string, string>();
  for (const entry of entries) {
    switch (entry.kind) {
      case 'caller':
        lines.push({ kind: 'caller', at: entry.at, entry });
        break;
      case 'collecting':
        lines.push({ kind: 'collecting', at: entry.at, entered: entry.entered });
        break;
      case 'keysIgnored':
        lines.push({ kind: 'keysIgnored', at: entry.at, keys: entry.keys, why: entry.why });
        break;
      case 'event':
        lines.push({ kind: 'event', at: entry.at, from: entry.from, type: entry.event.type, fields: eventFields(entry.event) });
        break;
      case 'effect': {
        const effect = entry.effect;
        if (effect.kind === 'visit') {
          const from = effect.arrivedFrom;
          // Which way the call left the previous step, and why ("pressed 2", "closed: holiday …", "no agents").
          const fromType = from ? types.get(`${effect.flow}/${from.nodeId}`) : undefined;
          if (from && from.reason && fromType) {
            lines.push({ kind: 'decision', at: entry.at, flow: effect.flow, nodeId: from.nodeId, nodeType: fromType, outlet: from.outlet, reason: from.reason, ...(from.said ? { said: from.said } : {}) });
          }
          types.set(`${effect.flow}/${effect.nodeId}`, effect.nodeType);
          lines.push({ kind: 'visit', at: entry.at, flow: effect.flow, nodeId: effect.nodeId, nodeType: effect.nodeType });
          break;
        }
        if (effect.kind === 'calendarMissing') {
          lines.push({ kind: 'calendarMissing', at: entry.at, nodeId: effect.nodeId, calendar: effect.calendar });
          break;
        }
        const mapped = commandsForEffect(effect, SIMULATED_CHANNEL, settings);
        const commands = mapped.commands.map((command) => ({ text: describeCommand(command), repeat: isRepeat(channel, command.kind === 'execute' ? command.app : '', command.kind === 'execute' ? command.arg : null) }));
        lines.push({ kind: 'effect', at: entry.at, effect, commands, note: mapped.note, ...(mapped.noteSaid ? { noteSaid: mapped.noteSaid } : {}) });
        for (const heard of heardIn(effect)) lines.push({ kind: 'heard', at: entry.at, ...heard });
        break;
      }
      default:
        break;
    }
  }
  return lines;
}

/** Same rule as the runtime's CallChannel: a `set`/`unset` that changes nothing is not written. */
function isRepeat(channel: Map<string, string | null>, app: string, arg: string | null): boolean {
  if (arg === null || (app !== 'set' && app !== 'unset')) return false;
  const separator = arg.indexOf('=');
  const name = app === 'unset' ? arg.trim() : separator > 0 ? arg.slice(0, separator) : null;
  if (name === null) return false;
  const value = app === 'unset' ? null : arg.slice(separator + 1);
  if (channel.has(name) && channel.get(name) === value) return true;
  channel.set(name, value);
  return false;
}
