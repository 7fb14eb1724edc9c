/**
 * One golden trace per example flow: the events of a saved scenario, the effects the interpreter answers with and
 * the FreeSWITCH commands for each (`golden-traces/<flow>.json`, committed). Two edges must agree with it:
 *
 * - the browser simulator (`@switchboard/flows` simulation + this package's pure `commandsForEffect`, the module
 *   the designer's panel imports) must produce exactly these events, effects and commands;
 * - the runtime, fed the same events, must produce the same effects, and its effect executors
 *   (`runtime/src/effects/*`) must write these commands to the call's `CallChannel`.
 *
 * The runtime side runs the real executors and the real `CallChannel` over a recording stand-in for the
 * outbound ESL session, rather than the full socket path through the emulator: the events must be exactly the
 * trace's (the emulator's timing would give other timestamps), and the socket path itself is covered by
 * `call/session.test.ts` against the emulator. `CallChannel` skips a `set` whose value the channel already has,
 * so the wire is the trace's commands without those repeats.
 *
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 pnpm --filter @switchboard/runtime exec vitest run
 * src/freeswitch/golden-traces.test.ts`, and review the diff.
 */
import {
  compileFlow,
  parseFlowDocument,
  runScenario,
  start,
  step,
  type CallEvent,
  type CallState,
  type CompiledFlow,
  type Effect,
  type Scenario,
} from '@switchboard/flows';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CallChannel } from '../call/channel.js';
import type { RuntimeClock } from '../call/clock.js';
import { CallTimers } from '../call/timers.js';
import { executeEffect, type EffectContext } from '../effects/index.js';
import type { ExecuteResult, OutboundSession } from '../esl/index.js';
import { FakeCallbackService, FakeQueueService, RecordingAnalytics } from '../testing/fakes.js';
import { commandsForEffect, DEFAULT_COMMAND_SETTINGS, describeCommand } from './commands.js';
import { RUNTIME_LEAVE_KEY } from './results.js';

/** The channel uuid in golden commands (`uuid_broadcast <uuid> …`); the simulator shows a placeholder too. */
const CHANNEL_UUID = 'golden-channel';

/** Which saved scenario of each example is its golden trace: the one that reaches the most kinds of effect. */
const GOLDEN_SCENARIOS: Record<string, string> = {
  'holiday-hours.json': 'Queue over its threshold: the callback offer is made and accepted',
  'main-menu.json': 'Operator busy: the caller can leave a message',
  'support-queue.json': 'Nobody answers: overflow after 120 seconds to the callback offer',
  'vip-route.json': 'A VIP goes straight to the priority queue',
};

interface GoldenEffect {
  effect: Effect;
  commands: string[];
  note: string | null;
}
interface GoldenStep {
  event: CallEvent | null;
  effects: GoldenEffect[];
}
interface GoldenTrace {
  flow: string;
  scenario: string;
  steps: GoldenStep[];
}

const examples = (file: string) => fileURLToPath(new URL(`../../../flows/examples/${file}`, import.meta.url));
const goldenPath = (file: string) => fileURLToPath(new URL(`./golden-traces/${file}`, import.meta.url));

function loadExample(file: string): { flow: CompiledFlow; scenario: Scenario } {
  const parsed = parseFlowDocument(JSON.parse(readFileSync(examples(file), 'utf8')));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const compiled = compileFlow(parsed.document).compiled;
  const scenario = parsed.document.scenarios?.find((s) => s.name === GOLDEN_SCENARIOS[file]);
  if (!compiled || !scenario) throw new Error(`${file}: no compiled flow or no scenario "${GOLDEN_SCENARIOS[file]}"`);
  return { flow: compiled, scenario };
}

function withCommands(effect: Effect): GoldenEffect {
  const mapped = commandsForEffect(effect, CHANNEL_UUID, DEFAULT_COMMAND_SETTINGS);
  return { effect, commands: mapped.commands.map(describeCommand), note: mapped.note };
}

/** The simulator's side: run the scenario, map every effect with the pure module the designer imports. */
function simulatorTrace(file: string): GoldenTrace {
  const { flow, scenario } = loadExample(file);
  const result = runScenario(flow, scenario);
  if (!result.passed || !result.simulation) throw new Error(`${file}: scenario "${scenario.name}" does not pass`);
  const steps = result.simulation.steps.map((s) => ({ event: s.event, effects: s.effects.map(withCommands) }));
  return JSON.parse(JSON.stringify({ flow: file, scenario: scenario.name, steps })) as GoldenTrace;
}

/** Stands in for the outbound ESL session: records nothing itself (the channel's observer does), completes apps. */
function recordingOutbound(): OutboundSession {
  let leaveQueue: () => void = () => undefined;
  const completion = (app: string, variables: Record<string, string> = {}): ExecuteResult => ({ application: app, response: '_none_', variables, channelHungUp: false, event: { name: 'CHANNEL_EXECUTE_COMPLETE', headers: {} } as never });
  const fake = {
    isChannelGone: false,
    hangupCause: undefined,
    // The callcenter app runs until the runtime presses its exit key (as mod_callcenter does: EXIT_WITH_KEY);
    // every other app completes at once.
    execute: (app: string) =>
      app === 'callcenter'
        ? new Promise<ExecuteResult>((resolve) => (leaveQueue = () => resolve(completion(app, { cc_cancel_reason: 'EXIT_WITH_KEY', cc_exit_key: RUNTIME_LEAVE_KEY }))))
        : Promise.resolve(completion(app)),
    api: (command: string) => {
      if (command.startsWith(`uuid_recv_dtmf ${CHANNEL_UUID} ${RUNTIME_LEAVE_KEY}`)) leaveQueue();
      return Promise.resolve('+OK');
    },
    subscribe: () => Promise.resolve(),
    flush: () => undefined,
  };
  return fake as unknown as OutboundSession;
}

const stoppedClock: RuntimeClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };

/** The runtime's side: the trace's events through `step`, every effect through its executor onto a CallChannel. */
async function runtimeWire(trace: GoldenTrace, flow: CompiledFlow, scenario: Scenario): Promise<{ effects: Effect[][]; wire: string[][] }> {
  const written: string[] = [];
  const channel = new CallChannel(CHANNEL_UUID, recordingOutbound(), (_uuid, command) => written.push(describeCommand(command)));
  let queueWait: EffectContext['queueWait'] = null;
  const ctx: EffectContext = {
    callId: CHANNEL_UUID,
    channel,
    timers: new CallTimers(stoppedClock),
    clock: stoppedClock,
    settings: DEFAULT_COMMAND_SETTINGS,
    services: { queues: new FakeQueueService(), callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics(), fetch: () => Promise.resolve(new Response('{}')) },
    metrics: { nodeVisited: () => undefined },
    logger: pino({ level: 'silent' }),
    get queueWait() {
      return queueWait;
    },
    set queueWait(wait) {
      queueWait = wait;
    },
    // The answers come from the trace, not from the stand-ins: what the executors report is not used.
    deliver: () => undefined,
    onChannelEvent: () => () => undefined,
    subscribe: () => Promise.resolve(),
    onEnd: () => () => undefined,
    ended: () => undefined,
  };
  const call = scenario.call;
  const effects: Effect[][] = [];
  const wire: string[][] = [];
  let state: CallState | undefined;
  for (const golden of trace.steps) {
    const result =
      golden.event === null
        ? start(flow, { callId: call.callId, caller: call.caller, dialled: call.dialled, at: firstAt(trace), channel: call.channel, flags: call.flags, ...(call.language ? { language: call.language } : {}) })
        : step(flow, state as CallState, golden.event);
    state = result.state;
    effects.push(JSON.parse(JSON.stringify(result.effects)) as Effect[]);
    for (const effect of result.effects) {
      written.length = 0;
      const pending = executeEffect(effect, ctx);
      if (pending) await pending;
      await new Promise((resolve) => setImmediate(resolve));
      wire.push([...written]);
    }
  }
  return { effects, wire };
}

/** The call's start time: the `at` of the first visit. */
function firstAt(trace: GoldenTrace): number {
  const visit = trace.steps[0]?.effects.find((e) => e.effect.kind === 'visit')?.effect;
  return visit && visit.kind === 'visit' ? visit.at : 0;
}

/** What `CallChannel` writes for a run of commands: a `set` to the value the channel already holds is skipped. */
function withoutRepeatedAssignments(commandsPerEffect: string[][]): string[][] {
  const known = new Map<string, string | null>();
  return commandsPerEffect.map((commands) =>
    commands.filter((command) => {
      const set = /^execute set ([^=]+)=(.*)$/.exec(command);
      const unset = /^execute unset (.+)$/.exec(command);
      const name = set?.[1] ?? unset?.[1]?.trim();
      if (name === undefined) return true;
      const value = set ? (set[2] as string) : null;
      if (known.has(name) && known.get(name) === value) return false;
      known.set(name, value);
      return true;
    }),
  );
}

describe('golden traces: the simulator and the runtime agree on effects and FreeSWITCH commands', () => {
  for (const file of Object.keys(GOLDEN_SCENARIOS)) {
    const goldenFile = file;
    describe(file, () => {
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(goldenPath(goldenFile), `${JSON.stringify(simulatorTrace(file), null, 2)}\n`);
      const golden = existsSync(goldenPath(goldenFile)) ? (JSON.parse(readFileSync(goldenPath(goldenFile), 'utf8')) as GoldenTrace) : null;

      it('the golden trace is committed and exercises switch commands', () => {
        expect(golden).not.toBeNull();
        expect(golden!.steps.flatMap((s) => s.effects).filter((e) => e.commands.length > 0).length).toBeGreaterThan(3);
      });

      it('the simulator produces exactly the golden events, effects and commands', () => {
        expect(simulatorTrace(file)).toEqual(golden);
      });

      it('the runtime, fed the golden events, produces the same effects and writes the same commands', async () => {
        const { flow, scenario } = loadExample(file);
        const { effects, wire } = await runtimeWire(golden!, flow, scenario);
        expect(effects).toEqual(golden!.steps.map((s) => s.effects.map((e) => e.effect)));
        expect(wire).toEqual(withoutRepeatedAssignments(golden!.steps.flatMap((s) => s.effects.map((e) => e.commands))));
      });
    });
  }
});
