import { audioModules, endpointModule, modulesForRequirement, type Effect, type SwitchRequirement, type SwitchSettings } from '@switchboard/flows';
import { describe, expect, it } from 'vitest';
import { commandsForEffect, DEFAULT_COMMAND_SETTINGS, type CommandSettings, type SwitchCommand } from '../freeswitch/commands.js';

/**
 * The requirement → module mapping (flows/src/switch/modules.ts) must name the modules the runtime's commands
 * really run in. These tests read the commands `commandsForEffect` sends and derive the modules from them with
 * FreeSWITCH's own split: applications by module, `speak`'s engine, file arguments by scheme, `bridge` by endpoint.
 */

/** Applications the commands use → module. mod_dptools (answer, playback, bridge, …) is every call's baseline. */
const APPLICATION_MODULES: Readonly<Record<string, string>> = { callcenter: 'mod_callcenter', voicemail: 'mod_voicemail' };
const BASELINE = new Set(['mod_dptools', 'mod_commands']);

function settingsFor(commands: CommandSettings): SwitchSettings {
  return { ttsEngine: commands.tts.engine, dialStrings: commands.dialStrings, callbackDialString: 'loopback/{number}/default' };
}

/** The modules a list of commands needs, read from the commands alone. */
function modulesOfCommands(commands: readonly SwitchCommand[], switchSettings: SwitchSettings): string[] {
  const modules = new Set<string>();
  for (const command of commands) {
    if (command.kind === 'api') {
      const [name, , variable, value = ''] = command.command.split(' ');
      if (name === 'uuid_setvar' && variable === 'tts_engine') modules.add(`mod_${value}`);
      // uuid_broadcast <uuid> 'loop_playback::+1 <file or say:text>' aleg (quoted when it holds a space)
      const broadcast = /^uuid_broadcast \S+ '?loop_playback::\+1 (.*?)'? aleg$/.exec(command.command);
      if (broadcast && !broadcast[1]?.startsWith('say:')) for (const module of audioModules(broadcast[1] ?? '', switchSettings)) modules.add(module);
      continue;
    }
    const app = APPLICATION_MODULES[command.app];
    if (app) modules.add(app);
    const arg = command.arg ?? '';
    if (command.app === 'speak') modules.add(`mod_${arg.split('|')[0]}`);
    if (command.app === 'set' && arg.startsWith('tts_engine=')) modules.add(`mod_${arg.slice('tts_engine='.length)}`);
    if (command.app === 'set' && arg.startsWith('cc_moh_override=')) for (const module of audioModules(arg.slice('cc_moh_override='.length), switchSettings)) modules.add(module);
    if (command.app === 'playback') for (const module of audioModules(arg, switchSettings)) modules.add(module);
    if (command.app === 'bridge') {
      const module = endpointModule(arg);
      if (module) modules.add(module);
    }
  }
  return [...modules].filter((module) => !BASELINE.has(module)).sort();
}

function requiredModules(requirements: readonly SwitchRequirement[], switchSettings: SwitchSettings): string[] {
  return [...new Set(requirements.flatMap((r) => modulesForRequirement(r, switchSettings)))].filter((module) => !BASELINE.has(module)).sort();
}

const text = { language: 'en', text: 'Hello' };
const moh = { language: 'en', audio: 'local_stream://moh' };

/** Each effect a node sends, with the requirements that node declares for it. */
const CASES: ReadonlyArray<{ name: string; effect: Effect; requirements: SwitchRequirement[] }> = [
  { name: 'spoken prompt', effect: { kind: 'play', prompt: text, bargeIn: false }, requirements: [{ kind: 'textToSpeech' }] },
  { name: 'recorded prompt', effect: { kind: 'play', prompt: moh, bargeIn: false }, requirements: [{ kind: 'audio', file: 'local_stream://moh' }] },
  {
    name: 'digits after a spoken prompt (say:)',
    effect: { kind: 'collectDigits', prompts: [text], minDigits: 1, maxDigits: 1, timeoutMs: 5000, interDigitTimeoutMs: 3000, terminator: null, pattern: null },
    requirements: [{ kind: 'textToSpeech' }],
  },
  {
    name: 'queue with its own hold music',
    effect: { kind: 'enqueue', queue: 'sales', priority: 0, skills: [], baseScoreSeconds: 0, exitKeys: [], statusEverySeconds: 0, musicOnHold: 'local_stream://moh' },
    requirements: [{ kind: 'queue', queue: 'sales' }, { kind: 'audio', file: 'local_stream://moh' }],
  },
  { name: 'spoken queue announcement', effect: { kind: 'announce', prompt: text }, requirements: [{ kind: 'textToSpeech' }] },
  { name: 'recorded queue announcement', effect: { kind: 'announce', prompt: { language: 'en', audio: '/sounds/pos.wav' } }, requirements: [{ kind: 'audio', file: '/sounds/pos.wav' }] },
  { name: 'voicemail', effect: { kind: 'voicemail', mailbox: '1000', domain: null, greeting: null }, requirements: [{ kind: 'voicemail' }] },
  { name: 'voicemail with a spoken greeting', effect: { kind: 'voicemail', mailbox: '1000', domain: null, greeting: text }, requirements: [{ kind: 'voicemail' }, { kind: 'textToSpeech' }] },
  ...(['extension', 'number', 'sip'] as const).map((type) => ({
    name: `transfer to a ${type}`,
    effect: { kind: 'transfer', destination: { type, value: type === 'sip' ? 'sip:desk@example.com' : '2000' }, timeoutSeconds: 30, callerIdNumber: null } as Effect,
    requirements: [{ kind: 'transfer', destination: type } as SwitchRequirement],
  })),
];

describe('requirement modules agree with the commands the runtime sends', () => {
  for (const commandSettings of [DEFAULT_COMMAND_SETTINGS, { ...DEFAULT_COMMAND_SETTINGS, tts: { engine: 'unimrcp', voice: 'anna' }, dialStrings: { extension: 'loopback/{destination}/default', number: 'sofia/gateway/carrier/{destination}', sip: 'sofia/external/{destination}' } }]) {
    it.each(CASES)(`$name (tts ${commandSettings.tts.engine}, extension via ${commandSettings.dialStrings.extension.split('/')[0]})`, ({ effect, requirements }) => {
      const switchSettings = settingsFor(commandSettings);
      const fromCommands = modulesOfCommands(commandsForEffect(effect, 'uuid', commandSettings).commands, switchSettings);
      expect(requiredModules(requirements, switchSettings)).toEqual(fromCommands);
    });
  }
});
