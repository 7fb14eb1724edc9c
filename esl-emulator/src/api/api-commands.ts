import type { Emulator } from '../emulator.js';
import { callcenterConfig, callcenterConfigJson } from './callcenter-config.js';
import { KNOWN_MODULES } from './modules.js';
import { originate } from './originate.js';
import { speakText, splitOnSpaces } from '../wire/app-arguments.js';
import { spokenForm } from '../apps/media.js';

/**
 * Runs an `api`/`bgapi` command and returns its output exactly as FreeSWITCH words it (including whether it
 * ends in a newline: `uuid_exists` and `uuid_getvar` do not).
 */
export async function runApiCommand(emulator: Emulator, commandLine: string): Promise<string> {
  const trimmed = commandLine.trim();
  const space = trimmed.indexOf(' ');
  const command = space === -1 ? trimmed : trimmed.slice(0, space);
  const args = space === -1 ? '' : trimmed.slice(space + 1).trim();
  const [first = '', second = ''] = args.split(/\s+/);
  const core = emulator.core;
  switch (command) {
    case 'status':
      return (
        `UP 0 years, 0 days, 0 hours, 0 minutes, 1 second, 0 milliseconds, 0 microseconds\n` +
        `FreeSWITCH (Version 1.10.12-release  64bit) is ready\n${emulator.callsPlaced} session(s) since startup\n` +
        `${core.channels.size} session(s) - peak ${core.channels.size}, last 5min 0 \n0 session(s) per Sec out of max 30, peak 0, last 5min 0 \n` +
        `1000 session(s) max\nmin idle cpu 0.00/99.00\nCurrent Stack Size/Max 240K/8192K\n`
      );
    case 'sofia':
      return first === 'status' ? SOFIA_STATUS : '-ERR Usage: sofia status\n';
    case 'hostname':
      return core.identity.hostname;
    case 'reloadxml':
      return '+OK [Success]\n';
    case 'originate':
      return originate(emulator, args);
    case 'uuid_exists':
      return core.channels.has(first) ? 'true' : 'false';
    case 'uuid_getvar': {
      const channel = core.channels.get(first);
      if (!channel) return '-ERR No such channel!\n';
      return channel.variables.get(second) ?? '_undef_';
    }
    case 'uuid_kill': {
      if (!core.channels.has(first)) return '-ERR No such channel!\n';
      emulator.killChannel(first, second || 'NORMAL_CLEARING');
      return '+OK\n';
    }
    case 'uuid_break': {
      // Stops the media playing on the channel (CF_BREAK). A callcenter member's hold music just starts again:
      // mod_callcenter's wait loop does not end on it (seen on FreeSWITCH 1.10.12).
      const channel = core.channels.get(first);
      if (!channel) return '-ERR No such channel!\n';
      channel.breakMedia();
      return '+OK\n';
    }
    case 'uuid_recv_dtmf': {
      // The digits are queued on the channel as if the caller pressed them (a callcenter exit key ends the wait).
      const [uuid = '', digits = ''] = splitOnSpaces(args, 2);
      const channel = core.channels.get(uuid);
      if (!uuid || !digits) return '-USAGE: <uuid> <dtmf_data>\n';
      if (!channel) return '-ERR Cannot locate session!\n';
      channel.queueDtmf(digits);
      return `+OK ${uuid} received DTMF ${digits}.\n`;
    }
    case 'uuid_flush_dtmf': {
      const channel = core.channels.get(args);
      if (!channel) return '-ERR No such session\n';
      channel.flushDtmf();
      return '+OK\n';
    }
    case 'uuid_broadcast': {
      // Queues a file (or app::args) on the channel. Inside callcenter the app runs nested in the hold-music
      // loop (apps/callcenter.ts), which models how it treats the caller's keys; elsewhere the emulator plays
      // nothing but notes a `speak::` announcement as the switch would read it (split on spaces, then the queued
      // app's own expansion).
      const [uuid = '', path = ''] = splitOnSpaces(args, 4);
      const channel = core.channels.get(uuid);
      if (!channel) return '-ERR No such channel!\n';
      const call = emulator.calls.find((c) => c.bLegUuid === uuid || c.aLegUuid === uuid);
      // switch_ivr_broadcast: `app::arg` when the first `:` is followed by another, else a file for playback.
      const colon = path.indexOf(':');
      const [app, rawArg] = colon > 0 && path[colon + 1] === ':' ? [path.slice(0, colon), path.slice(colon + 2)] : ['playback', path];
      const arg = call ? call.expandArgument(rawArg) : rawArg;
      if (channel.broadcast(app, arg)) return '+OK Message sent\n';
      if (call && app === 'speak') call.note(`Speaking text: ${spokenForm(call.bLeg, speakText(arg).text)}`);
      return '+OK Message sent\n';
    }
    case 'uuid_setvar': {
      // mod_commands: `uuid_setvar <uuid> <var> [value]`; no value unsets the variable.
      const [uuid = '', name = '', value] = splitOnSpaces(args, 3);
      const channel = core.channels.get(uuid);
      if (!uuid || !name) return '-USAGE: <uuid> <var> [value]\n';
      if (!channel) return '-ERR No such channel!\n';
      channel.setVariable(name, value);
      return '+OK\n';
    }
    case 'uuid_send_dtmf':
      return core.channels.has(first) ? `+OK ${first} sent DTMF ${second}.\n` : '-ERR no such channel.\n';
    case 'module_exists':
      // No newline, as mod_commands writes it.
      // No newline, as mod_commands writes it; no module name gets an empty reply.
      if (first === '') return '';
      return emulator.modules.has(first) ? 'true' : 'false';
    case 'load':
      if (!KNOWN_MODULES.has(first)) return '+OK Reloading XML\n-ERR [module load file routine returned an error]\n';
      emulator.modules.add(first);
      return '+OK Reloading XML\n+OK\n';
    case 'unload':
      if (!emulator.modules.delete(first)) return '-ERR [No such module!]\n';
      return '+OK\n';
    case 'callcenter_config':
      // The command is mod_callcenter's: without the module the switch does not know it.
      if (!emulator.modules.has('mod_callcenter')) return `-ERR ${command} Command not found!\n`;
      return callcenterConfig(emulator, args);
    case 'json': {
      let request: { command?: unknown; data?: { arguments?: string; queue_name?: string } };
      try {
        request = JSON.parse(args) as typeof request;
      } catch {
        return '-ERR parsing JSON\n';
      }
      if (request.command !== 'callcenter_config') return `-ERR ${String(request.command)} Command not found!\n`;
      return callcenterConfigJson(emulator, { ...request, command: 'callcenter_config' });
    }
    default:
      return `-ERR ${command} Command not found!\n`;
  }
}

const SOFIA_STATUS =
  '                     Name\t   Type\t                                      Data\tState\n' +
  '=================================================================================================\n' +
  '                 internal\tprofile\t              sip:mod_sofia@127.0.0.1:5060\tRUNNING (0)\n' +
  '=================================================================================================\n' +
  '1 profile 0 aliases\n';
