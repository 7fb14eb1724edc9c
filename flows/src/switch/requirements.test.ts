import { describe, expect, it } from 'vitest';
import { buildFlow } from '../../test/build.js';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import type { FlowNode } from '../document/schema.js';
import { NODE_TYPES, nodeRegistry } from '../nodes/registry.js';
import { flowRequirements, modulesNeeded, switchProblems, type SwitchCapabilities } from './capabilities.js';
import { audioModules, endpointModule, modulesForRequirement, type SwitchSettings } from './modules.js';

/** The runtime's defaults (runtime/src/freeswitch/commands.ts and the callback dialer). */
const SETTINGS: SwitchSettings = {
  ttsEngine: 'flite',
  dialStrings: { extension: 'user/{destination}@${domain}', number: 'sofia/gateway/default/{destination}', sip: 'sofia/external/{destination}' },
  callbackDialString: 'loopback/{number}/default',
};

/** Compiles a flow of a start node and one node under test (outlets may stay unconnected: only configs matter). */
function compiledWith(type: FlowNode['type'], data: Record<string, unknown> = {}): CompiledFlow {
  const result = compileFlow(buildFlow([{ id: 'start', type: 'start' }, { id: 'n1', type, data }], ['start:next->n1'], { name: 'Main' }));
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

function needsOf(type: FlowNode['type'], data: Record<string, unknown> = {}) {
  return flowRequirements(compiledWith(type, data)).map((need) => need.requirement);
}

describe('switch requirements of each node type', () => {
  it('every node type in the registry declares its requirements, so a new type cannot forget them', () => {
    const missing = NODE_TYPES.filter((type) => typeof (nodeRegistry[type] as { requirements?: unknown }).requirements !== 'function');
    expect(missing).toEqual([]);
  });

  it('nodes that never touch the switch need nothing', () => {
    for (const type of ['schedule', 'callerRouting', 'split', 'condition', 'setVariable', 'httpRequest', 'subflow', 'return'] as const) {
      expect(needsOf(type, nodeRegistry[type].defaults() as Record<string, unknown>), type).toEqual([]);
    }
  });

  it('a spoken prompt needs text-to-speech and a recorded one its audio file', () => {
    expect(needsOf('announcement', { prompt: { text: { en: 'Hello' } } })).toEqual([{ kind: 'textToSpeech' }]);
    expect(needsOf('announcement', { prompt: { text: { en: 'Hello' }, audio: '/sounds/hello.wav' } })).toEqual([{ kind: 'audio', file: '/sounds/hello.wav' }]);
    expect(needsOf('hangup', { goodbye: { text: { en: 'Bye' } } })).toEqual([{ kind: 'textToSpeech' }]);
    expect(needsOf('hangup', {})).toEqual([]);
  });

  it('menus and digit collection need each prompt they may play, once', () => {
    expect(needsOf('menu', { ...menuDefaults(), invalidPrompt: { text: { en: 'Sorry' } }, noInputPrompt: { text: {}, audio: 'local_stream://nudge' } })).toEqual([
      { kind: 'textToSpeech' },
      { kind: 'audio', file: 'local_stream://nudge' },
    ]);
    expect(needsOf('collectDigits', { ...(nodeRegistry.collectDigits.defaults() as Record<string, unknown>), prompt: { text: {}, audio: 'pin.wav' } })).toContainEqual({ kind: 'audio', file: 'pin.wav' });
  });

  it('a queue needs its mod_callcenter queue, its hold music and its announcements', () => {
    expect(
      needsOf('queue', {
        queue: 'sales@default',
        musicOnHold: 'local_stream://moh',
        announcements: { everySeconds: 60, position: { text: { en: 'You are number ${position}.' } } },
      }),
    ).toEqual([{ kind: 'queue', queue: 'sales@default' }, { kind: 'textToSpeech' }, { kind: 'audio', file: 'local_stream://moh' }]);
  });

  it('a callback needs the dialer and its own queue when it names one', () => {
    const defaults = nodeRegistry.callback.defaults() as Record<string, unknown>;
    expect(needsOf('callback', { ...defaults, queue: 'support@default' }).slice(0, 3)).toEqual([{ kind: 'callback' }, { kind: 'queue', queue: 'support@default' }, { kind: 'textToSpeech' }]);
    expect(needsOf('callback', { ...defaults, queue: '' }).map((need) => need.kind)).not.toContain('queue');
  });

  it('a transfer needs the endpoint of its destination type; voicemail needs mod_voicemail', () => {
    expect(needsOf('transfer', { destination: { type: 'sip', value: 'sip:desk@example.com' } })).toEqual([{ kind: 'transfer', destination: 'sip' }]);
    expect(needsOf('voicemail', { mailbox: '1000' })).toEqual([{ kind: 'voicemail' }]);
    expect(needsOf('voicemail', { mailbox: '1000', greeting: { text: { en: 'Leave a message' } } })).toEqual([{ kind: 'voicemail' }, { kind: 'textToSpeech' }]);
  });
});

function menuDefaults(): Record<string, unknown> {
  return nodeRegistry.menu.defaults() as Record<string, unknown>;
}

describe('modules for each requirement', () => {
  it('maps queues, voicemail, text-to-speech and transfers to the modules their commands run in', () => {
    expect(modulesForRequirement({ kind: 'queue', queue: 'q' }, SETTINGS)).toEqual(['mod_callcenter']);
    expect(modulesForRequirement({ kind: 'voicemail' }, SETTINGS)).toEqual(['mod_voicemail']);
    expect(modulesForRequirement({ kind: 'textToSpeech' }, SETTINGS)).toEqual(['mod_flite']);
    expect(modulesForRequirement({ kind: 'textToSpeech' }, { ...SETTINGS, ttsEngine: 'unimrcp' })).toEqual(['mod_unimrcp']);
    expect(modulesForRequirement({ kind: 'transfer', destination: 'extension' }, SETTINGS)).toEqual(['mod_dptools']);
    expect(modulesForRequirement({ kind: 'transfer', destination: 'number' }, SETTINGS)).toEqual(['mod_sofia']);
    expect(modulesForRequirement({ kind: 'callback' }, SETTINGS)).toEqual(['mod_callcenter', 'mod_loopback']);
  });

  it('maps audio by stream scheme or file extension, and checks nothing it cannot tell', () => {
    expect(audioModules('local_stream://moh', SETTINGS)).toEqual(['mod_local_stream']);
    expect(audioModules('tone_stream://%(1000,4000,440)', SETTINGS)).toEqual(['mod_tone_stream']);
    expect(audioModules('{loops=2}/var/sounds/welcome.WAV', SETTINGS)).toEqual(['mod_sndfile']);
    expect(audioModules('/var/sounds/welcome.mp3', SETTINGS)).toEqual(['mod_shout']);
    expect(audioModules('say:hello', SETTINGS)).toEqual(['mod_flite']);
    expect(audioModules('https://cdn.example.com/a.wav', SETTINGS)).toEqual([]);
    expect(audioModules('/var/sounds/welcome', SETTINGS)).toEqual([]);
  });

  it('finds the endpoint behind channel variables in a dial string', () => {
    expect(endpointModule('{ignore_early_media=true}[leg=1]loopback/100/default')).toBe('mod_loopback');
    expect(endpointModule('sofia/gateway/default/{destination}')).toBe('mod_sofia');
    expect(endpointModule('mystery/{destination}')).toBeNull();
  });
});

describe('problems against what a switch reported', () => {
  const flow = (() => {
    const result = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'queue1', type: 'queue', data: { queue: 'sales' } },
          { id: 'vm', type: 'voicemail', data: { mailbox: '1000' } },
        ],
        ['start:next->queue1', 'queue1:answered->vm'],
        { name: 'Main' },
      ),
    );
    return result.compiled as CompiledFlow;
  })();
  const needs = flowRequirements(flow);

  it('lists the modules to ask about', () => {
    expect(modulesNeeded(needs, SETTINGS)).toEqual(['mod_callcenter', 'mod_voicemail']);
  });

  it('names the node needing a module the switch lacks, and a queue it does not know', () => {
    const capabilities: SwitchCapabilities = { modules: { mod_callcenter: true, mod_voicemail: false }, queues: ['support@default'] };
    expect(switchProblems(needs, capabilities, SETTINGS)).toEqual([
      { flow: 'Main', nodeId: 'queue1', nodeType: 'queue', requirement: { kind: 'queue', queue: 'sales' }, kind: 'unknownQueue', queue: 'sales' },
      { flow: 'Main', nodeId: 'vm', nodeType: 'voicemail', requirement: { kind: 'voicemail' }, kind: 'missingModule', module: 'mod_voicemail' },
    ]);
  });

  it('reports a queue once as mod_callcenter missing, and nothing for modules it never asked about', () => {
    expect(switchProblems(needs, { modules: { mod_callcenter: false }, queues: null }, SETTINGS)).toEqual([
      { flow: 'Main', nodeId: 'queue1', nodeType: 'queue', requirement: { kind: 'queue', queue: 'sales' }, kind: 'missingModule', module: 'mod_callcenter' },
    ]);
    expect(switchProblems(needs, { modules: {}, queues: ['sales'] }, SETTINGS)).toEqual([]);
  });
});
