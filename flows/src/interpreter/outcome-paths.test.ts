import { describe, expect, it } from 'vitest';
import { buildFlow, T0 } from '../../test/build.js';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import { callbackNode } from '../nodes/callback.js';
import { QUEUE_MAX_WAIT_TIMER } from '../nodes/queue.js';
import type { CallOutcome, Effect, EffectOf, NodeExit } from './effects.js';
import type { CallEvent } from './events.js';
import { start, step } from './interpreter.js';
import { linkProgram, type Runnable } from './program.js';

/**
 * Every path of every node type, with the outcome the call record gets and the outlet (and why) the node under
 * test was left by. One row per path: a path added to a node without a row here is a path nobody checked.
 */

type Unstamped = CallEvent extends infer E ? (E extends CallEvent ? Omit<E, 'at' | 'seq'> : never) : never;
type Node = Parameters<typeof buildFlow>[0][number];

function compiled(nodes: Node[], edges: string[], extra: Parameters<typeof buildFlow>[2] = {}): CompiledFlow {
  const result = compileFlow(buildFlow(nodes, edges, extra));
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

function run(flow: Runnable, events: Unstamped[], caller = '+441234'): Effect[] {
  let result = start(flow, { callId: 'c1', caller, dialled: '100', at: T0 });
  const effects = [...result.effects];
  events.forEach((event, index) => {
    result = step(flow, result.state, { ...event, at: T0 + (index + 1) * 1000, seq: result.state.pending?.seq } as CallEvent);
    effects.push(...result.effects);
  });
  return effects;
}

/** How the node `n` was left: from the visit after it, or the end record when its outlet led nowhere. */
function exitOf(effects: Effect[], nodeId = 'n'): NodeExit | null {
  for (const effect of effects) {
    if (effect.kind === 'visit' && effect.arrivedFrom?.nodeId === nodeId) return effect.arrivedFrom;
    if (effect.kind === 'end' && effect.lastExit?.nodeId === nodeId) return effect.lastExit;
  }
  return null;
}

const say = (text: string) => ({ text: { en: text } });
const bye: Node = { id: 'bye', type: 'hangup' };
const sorry: Node = { id: 'sorry', type: 'hangup', data: { goodbye: say('Sorry, goodbye.') } };
const start0: Node = { id: 'start', type: 'start' };
const status = (agentsLoggedIn: number): Unstamped => ({ type: 'queueStatus', callersWaiting: 0, agentsLoggedIn, agentsAvailable: agentsLoggedIn, estimatedWaitSeconds: 0 });

const menu = () =>
  compiled(
    [start0, { id: 'n', type: 'menu', data: { prompt: say('Sales 1'), options: [{ digit: '1', label: 'Sales' }], maxRetries: 2 } }, { id: 'thanks', type: 'announcement', data: { prompt: say('Thanks.') } }, bye, sorry],
    ['start:next->n', 'n:1->thanks', 'thanks:next->bye', 'n:noInput->sorry', 'n:invalid->sorry'],
  );

/** Failed input, then automatic nodes (no caller input) before the hang-up: still not served. */
const menuThenAutomatic = () =>
  compiled(
    [
      start0,
      { id: 'n', type: 'menu', data: { prompt: say('Sales 1'), options: [{ digit: '1', label: 'Sales' }], maxRetries: 2 } },
      { id: 'note', type: 'setVariable', data: { assignments: [{ variable: 'failed', expression: 'true' }] } },
      { id: 'check', type: 'condition', data: { branches: [{ key: 'yes', label: 'Failed', expression: 'failed' }] } },
      bye,
    ],
    ['start:next->n', 'n:1->bye', 'n:noInput->note', 'n:invalid->note', 'note:next->check', 'check:yes->bye', 'check:default->bye'],
    { variables: [{ name: 'failed', type: 'boolean' }] },
  );

const collect = () =>
  compiled(
    [start0, { id: 'n', type: 'collectDigits', data: { prompt: say('PIN?'), variable: 'pin', minDigits: 4, maxDigits: 4, maxRetries: 1 } }, bye, sorry],
    ['start:next->n', 'n:ok->bye', 'n:failed->sorry'],
    { variables: [{ name: 'pin', type: 'string' }] },
  );

const survey = () =>
  compiled(
    [start0, { id: 'n', type: 'survey', data: { question: say('Rate us: press 1 for poor, up to 5 for great.'), maxRetries: 1, retryPrompt: say('Press 1 to 5.') } }, bye, sorry],
    ['start:next->n', 'n:done->bye', 'n:noAnswer->sorry'],
  );

const surveyByCallBack = () =>
  compiled(
    [start0, { id: 'n', type: 'survey', data: { mode: 'callBack', question: say('Rate us: press 1 for poor, up to 5 for great.'), callBackBooked: say('We will call you.'), maxRetries: 0 } }, bye, sorry],
    ['start:next->n', 'n:done->bye', 'n:noAnswer->sorry'],
  );

const queueThenSurvey = () =>
  compiled(
    [start0, { id: 'q', type: 'queue', data: { queue: 'support' } }, { id: 'n', type: 'survey', data: { question: say('Rate us: press 1 for poor, up to 5 for great.'), maxRetries: 0 } }, bye, sorry],
    ['start:next->q', 'q:answered->n', 'q:overflow->sorry', 'n:done->bye', 'n:noAnswer->bye'],
  );

const queue = () =>
  compiled(
    [
      start0,
      { id: 'n', type: 'queue', data: { queue: 'support', overflow: { maxWaitSeconds: 60 }, callbackKey: '1', leaveKey: '2' } },
      { id: 'cb', type: 'callback', data: { ...callbackNode.defaults(), queue: 'support', scheduledPrompt: undefined, failedPrompt: undefined } },
      { id: 'vm', type: 'voicemail', data: { mailbox: 'support' } },
      { id: 'sorryNoAgents', type: 'hangup', data: { goodbye: say('Nobody is here.') } },
      bye,
    ],
    ['start:next->n', 'n:answered->bye', 'n:overflow->vm', 'n:noAgents->sorryNoAgents', 'n:callbackRequested->cb', 'cb:scheduled->bye', 'cb:declined->vm', 'cb:failed->vm'],
  );

const queueWithoutHangUpRoute = () =>
  compiled([start0, { id: 'n', type: 'queue', data: { queue: 'support' } }, { id: 'after', type: 'announcement', data: { prompt: say('Thanks for holding.') } }, bye], [
    'start:next->n',
    'n:answered->after',
    'after:next->bye',
    'n:overflow->bye',
    'n:callerHungUp->after',
  ]);

const callback = () =>
  compiled(
    [start0, { id: 'n', type: 'callback', data: { ...callbackNode.defaults(), queue: 'sales@default', maxRetries: 1, declineKey: '9' } }, bye, { id: 'no', type: 'hangup' }, sorry],
    ['start:next->n', 'n:scheduled->bye', 'n:declined->no', 'n:failed->sorry'],
  );

const transfer = () =>
  compiled([start0, { id: 'n', type: 'transfer', data: { destination: { type: 'extension', value: '2000' } } }, sorry], ['start:next->n', 'n:busy->sorry', 'n:noAnswer->sorry', 'n:failed->sorry']);

const voicemail = () => compiled([start0, { id: 'n', type: 'voicemail', data: { mailbox: 'support' } }, sorry], ['start:next->n', 'n:failed->sorry']);

const schedule = (data: Record<string, unknown>) =>
  compiled(
    [start0, { id: 'n', type: 'schedule', data: { timezone: 'Europe/London', ...data } }, { id: 'hello', type: 'announcement', data: { prompt: say('Hello.') } }, bye, sorry],
    ['start:next->n', 'n:open->hello', 'hello:next->bye', 'n:closed->sorry', 'n:holiday->sorry', 'n:emergency->sorry'],
  );

const http = () =>
  compiled([start0, { id: 'n', type: 'httpRequest', data: { url: 'https://crm.example.com/lookup' } }, bye, sorry], ['start:next->n', 'n:ok->bye', 'n:error->sorry']);

const routing = () =>
  compiled([start0, { id: 'n', type: 'callerRouting', data: { lists: [{ key: 'blocked', label: 'Blocked', numbers: ['+441234'] }] } }, { id: 'reject', type: 'hangup', data: { cause: 'CALL_REJECTED' } }, bye], [
    'start:next->n',
    'n:blocked->reject',
    'n:default->bye',
  ]);

const split = () =>
  compiled([start0, { id: 'n', type: 'split', data: { branches: [{ key: 'a', percent: 100 }, { key: 'b', percent: 0 }] } }, bye], ['start:next->n', 'n:a->bye', 'n:b->bye']);

const announcement = () => compiled([start0, { id: 'n', type: 'announcement', data: { prompt: say('Hello.') } }, bye], ['start:next->n', 'n:next->bye']);

const subflows = () => {
  const main = compiled(
    [start0, { id: 'n', type: 'subflow', data: { flow: 'identify', outcomes: ['verified'] } }, bye, sorry],
    ['start:next->n', 'n:verified->bye', 'n:failed->sorry'],
    { name: 'main' },
  );
  const identify = compiled(
    [
      start0,
      { id: 'pin', type: 'menu', data: { prompt: say('Press 1 if it is you.'), options: [{ digit: '1', label: 'Me' }], maxRetries: 0 } },
      { id: 'ok', type: 'return', data: { outcome: 'verified' } },
      { id: 'no', type: 'return', data: { outcome: 'unknown' } },
    ],
    ['start:next->pin', 'pin:1->ok', 'pin:noInput->no', 'pin:invalid->no'],
    { name: 'identify' },
  );
  return linkProgram(main, [identify]);
};
const missingSubflow = () => linkProgram(compiled([start0, { id: 'n', type: 'subflow', data: { flow: 'gone', outcomes: ['done'] } }, bye, sorry], ['start:next->n', 'n:done->bye', 'n:failed->sorry'], { name: 'main' }));

interface Path {
  path: string;
  flow: () => Runnable;
  events: Unstamped[];
  caller?: string;
  outcome: CallOutcome;
  /** The outlet node `n` was left by (null: the call ended at `n`) and a pattern its reason matches. */
  exit: { outlet: string; reason: RegExp } | null;
  /** A further node whose exit is checked (a sub-flow's return node). */
  also?: { nodeId: string; outlet: string; reason: RegExp };
}

const hangup: Unstamped = { type: 'hangup' };
const done: Unstamped = { type: 'promptFinished' };

const PATHS: Path[] = [
  // announcement
  { path: 'announcement played, flow hangs up', flow: announcement, events: [done], outcome: 'selfServed', exit: { outlet: 'next', reason: /prompt finished/ } },
  { path: 'announcement: caller hangs up mid-prompt', flow: announcement, events: [hangup], outcome: 'callerHungUp', exit: null },
  // menu
  { path: 'menu: valid key', flow: menu, events: [{ type: 'digits', digits: '1' }, done], outcome: 'selfServed', exit: { outlet: '1', reason: /pressed 1/ } },
  { path: 'menu: three invalid keys, hung up on', flow: menu, events: [{ type: 'digits', digits: '7' }, { type: 'digits', digits: '8' }, { type: 'digits', digits: '9' }, done], outcome: 'unresolvedInIvr', exit: { outlet: 'invalid', reason: /invalid input after 3 tries/ } },
  { path: 'menu: no input three times, hung up on', flow: menu, events: [{ type: 'noInput' }, { type: 'noInput' }, { type: 'noInput' }, done], outcome: 'unresolvedInIvr', exit: { outlet: 'noInput', reason: /no input after 3 tries/ } },
  { path: 'menu: caller hangs up mid-prompt', flow: menu, events: [hangup], outcome: 'callerHungUp', exit: null },
  { path: 'menu: caller hangs up during the goodbye after invalid keys', flow: menu, events: [{ type: 'digits', digits: '7' }, { type: 'digits', digits: '8' }, { type: 'digits', digits: '9' }, hangup], outcome: 'callerHungUp', exit: { outlet: 'invalid', reason: /invalid/ } },
  {
    path: 'menu: invalid keys, then a set-variable and a condition, then hung up on',
    flow: menuThenAutomatic,
    events: [{ type: 'digits', digits: '7' }, { type: 'digits', digits: '8' }, { type: 'digits', digits: '9' }],
    outcome: 'unresolvedInIvr',
    exit: { outlet: 'invalid', reason: /invalid input after 3 tries/ },
  },
  { path: 'menu: valid key, then a set-variable and a condition', flow: menuThenAutomatic, events: [{ type: 'digits', digits: '1' }], outcome: 'selfServed', exit: { outlet: '1', reason: /pressed 1/ } },
  // collect digits
  { path: 'collect digits: entered', flow: collect, events: [{ type: 'digits', digits: '1234' }], outcome: 'selfServed', exit: { outlet: 'ok', reason: /pressed 1234/ } },
  { path: 'collect digits: silence until the retries ran out', flow: collect, events: [{ type: 'noInput' }, { type: 'noInput' }, done], outcome: 'unresolvedInIvr', exit: { outlet: 'failed', reason: /no input after 2 tries/ } },
  { path: 'collect digits: caller hangs up', flow: collect, events: [hangup], outcome: 'callerHungUp', exit: null },
  // survey
  { path: 'survey: rated', flow: survey, events: [{ type: 'digits', digits: '4' }], outcome: 'selfServed', exit: { outlet: 'done', reason: /rated 4/ } },
  { path: 'survey: not rated (silence, retries used up) is no IVR failure', flow: survey, events: [{ type: 'noInput' }, { type: 'noInput' }, done], outcome: 'selfServed', exit: { outlet: 'noAnswer', reason: /no input after 2 tries/ } },
  { path: 'survey: caller hangs up instead of rating', flow: survey, events: [hangup], outcome: 'callerHungUp', exit: null },
  { path: 'survey call-back: booked, then the flow says goodbye', flow: surveyByCallBack, events: [{ type: 'digits', digits: '1' }, { type: 'callbackResult', ok: true, callbackId: 'cb-1' }, done], caller: '+447700900123', outcome: 'selfServed', exit: { outlet: 'done', reason: /survey call-back booked/ } },
  { path: 'survey call-back: caller hangs up once told it is booked', flow: surveyByCallBack, events: [{ type: 'digits', digits: '1' }, { type: 'callbackResult', ok: true, callbackId: 'cb-1' }, hangup], caller: '+447700900123', outcome: 'selfServed', exit: null },
  { path: 'survey call-back: declined', flow: surveyByCallBack, events: [{ type: 'digits', digits: '9' }, done], caller: '+447700900123', outcome: 'selfServed', exit: { outlet: 'noAnswer', reason: /declined the survey call-back/ } },
  {
    path: 'survey after an agent answered: the call stays answered from the queue',
    flow: queueThenSurvey,
    events: [status(1), { type: 'queueAnswered', agent: 'a1' }, { type: 'queueExit', reason: 'answered', detail: 'a1' }, { type: 'digits', digits: '5' }],
    outcome: 'answeredFromQueue',
    exit: { outlet: 'done', reason: /rated 5/ },
  },
  // queue
  { path: 'queue: answered by an agent', flow: queue, events: [status(1), { type: 'queueAnswered', agent: 'a1' }, { type: 'queueExit', reason: 'answered', detail: 'a1' }], outcome: 'answeredFromQueue', exit: { outlet: 'answered', reason: /answered/ } },
  { path: 'queue: caller hangs up talking to the agent', flow: queue, events: [status(1), { type: 'queueAnswered', agent: 'a1' }, hangup], outcome: 'answeredFromQueue', exit: null },
  { path: 'queue: abandoned while waiting', flow: queue, events: [status(1), hangup], outcome: 'abandonedInQueue', exit: null },
  { path: 'queue: abandoned, callerHungUp route connected', flow: queueWithoutHangUpRoute, events: [status(1), hangup], outcome: 'abandonedInQueue', exit: { outlet: 'callerHungUp', reason: /caller hung up/ } },
  { path: 'queue: answered, caller hangs up in the after-call message', flow: queueWithoutHangUpRoute, events: [status(1), { type: 'queueAnswered' }, { type: 'queueExit', reason: 'answered' }, hangup], outcome: 'answeredFromQueue', exit: { outlet: 'answered', reason: /answered/ } },
  { path: 'queue: leave key to voicemail', flow: queue, events: [status(1), { type: 'queueExit', reason: 'exitKey', detail: '2' }, { type: 'voicemailFinished' }], outcome: 'voicemail', exit: { outlet: 'overflow', reason: /queue exit: exitKey \(2\)/ } },
  { path: 'queue: max wait reached (flow timer)', flow: queue, events: [status(1), { type: 'timer', name: QUEUE_MAX_WAIT_TIMER }, { type: 'voicemailFinished' }], outcome: 'voicemail', exit: { outlet: 'overflow', reason: /timer queue.maxWait/ } },
  { path: 'queue: max wait reached (switch timeout), hangs up in voicemail', flow: queue, events: [status(1), { type: 'queueExit', reason: 'timeout' }, hangup], outcome: 'voicemail', exit: { outlet: 'overflow', reason: /queue exit: timeout/ } },
  { path: 'queue: no agents logged in', flow: queue, events: [status(0), done], outcome: 'selfServed', exit: { outlet: 'noAgents', reason: /no agents logged in/ } },
  {
    path: 'queue: callback key, booked',
    flow: queue,
    events: [status(1), { type: 'queueExit', reason: 'exitKey', detail: '1' }, { type: 'digits', digits: '1' }, { type: 'callbackResult', ok: true, callbackId: 'cb-1' }],
    caller: '+447700900123',
    outcome: 'callbackScheduled',
    exit: { outlet: 'callbackRequested', reason: /exitKey \(1\)/ },
  },
  // callback
  { path: 'callback: booked', flow: callback, events: [{ type: 'digits', digits: '1' }, { type: 'callbackResult', ok: true, callbackId: 'cb-1' }, done], caller: '+447700900123', outcome: 'callbackScheduled', exit: { outlet: 'scheduled', reason: /callback booked/ } },
  { path: 'callback: already booked earlier', flow: callback, events: [{ type: 'digits', digits: '1' }, { type: 'callbackResult', ok: false, reason: 'alreadyScheduled' }, done], caller: '+447700900123', outcome: 'callbackScheduled', exit: { outlet: 'scheduled', reason: /already booked/ } },
  { path: 'callback: declined by key', flow: callback, events: [{ type: 'digits', digits: '9' }], caller: '+447700900123', outcome: 'selfServed', exit: { outlet: 'declined', reason: /pressed 9/ } },
  { path: 'callback: declined by silence', flow: callback, events: [{ type: 'noInput' }, { type: 'noInput' }], caller: '+447700900123', outcome: 'unresolvedInIvr', exit: { outlet: 'declined', reason: /no input after 2 tries/ } },
  { path: 'callback: booking failed', flow: callback, events: [{ type: 'digits', digits: '1' }, { type: 'callbackResult', ok: false, reason: 'error', error: 'database down' }, done, done], caller: '+447700900123', outcome: 'selfServed', exit: { outlet: 'failed', reason: /booking refused: database down/ } },
  // transfer
  { path: 'transfer: answered', flow: transfer, events: [{ type: 'transferResult', result: 'answered' }], outcome: 'transferred', exit: null },
  { path: 'transfer: busy', flow: transfer, events: [{ type: 'transferResult', result: 'busy', cause: 'USER_BUSY' }, done], outcome: 'selfServed', exit: { outlet: 'busy', reason: /transfer busy \(USER_BUSY\)/ } },
  { path: 'transfer: no answer', flow: transfer, events: [{ type: 'transferResult', result: 'noAnswer', cause: 'NO_ANSWER' }, done], outcome: 'selfServed', exit: { outlet: 'noAnswer', reason: /transfer noAnswer/ } },
  { path: 'transfer: caller hangs up while it rings', flow: transfer, events: [hangup], outcome: 'callerHungUp', exit: null },
  // voicemail
  { path: 'voicemail: message left', flow: voicemail, events: [{ type: 'voicemailFinished' }], outcome: 'voicemail', exit: null },
  { path: 'voicemail: the switch could not run it', flow: voicemail, events: [{ type: 'hangup', cause: 'DESTINATION_OUT_OF_ORDER', failure: 'the switch could not run voicemail' }], outcome: 'error', exit: null },
  // schedule (T0 is Monday 10:00 London)
  { path: 'schedule: open', flow: () => schedule({ weekly: { monday: [{ open: '09:00', close: '17:00' }] } }), events: [done], outcome: 'selfServed', exit: { outlet: 'open', reason: /^open/ } },
  { path: 'schedule: closed', flow: () => schedule({ weekly: {} }), events: [done], outcome: 'selfServed', exit: { outlet: 'closed', reason: /^closed: outside opening hours/ } },
  { path: 'schedule: holiday', flow: () => schedule({ weekly: { monday: [{ open: '09:00', close: '17:00' }] }, holidays: [{ name: 'Staff day', date: '2026-11-23' }] }), events: [done], outcome: 'selfServed', exit: { outlet: 'holiday', reason: /holiday Staff day/ } },
  { path: 'schedule: emergency', flow: () => schedule({ weekly: {}, emergencyOverride: true }), events: [done], outcome: 'selfServed', exit: { outlet: 'emergency', reason: /emergency/ } },
  { path: 'schedule: caller hangs up during the closed message', flow: () => schedule({ weekly: {} }), events: [hangup], outcome: 'callerHungUp', exit: { outlet: 'closed', reason: /closed/ } },
  // http request
  { path: 'http request: ok', flow: http, events: [{ type: 'httpResult', status: 200, body: '{}' }], outcome: 'selfServed', exit: { outlet: 'ok', reason: /HTTP 200/ } },
  { path: 'http request: failed', flow: http, events: [{ type: 'httpResult', status: 503, body: '' }, done], outcome: 'selfServed', exit: { outlet: 'error', reason: /HTTP 503/ } },
  { path: 'http request: unreachable', flow: http, events: [{ type: 'httpResult', error: 'timeout' }, done], outcome: 'selfServed', exit: { outlet: 'error', reason: /HTTP error: timeout/ } },
  // caller routing, split
  { path: 'caller routing: blocked, rejected', flow: routing, events: [], outcome: 'rejected', exit: { outlet: 'blocked', reason: /is on list blocked/ } },
  { path: 'caller routing: everyone else', flow: routing, events: [], caller: '+449999', outcome: 'selfServed', exit: { outlet: 'default', reason: /./ } },
  { path: 'split: the 100 % branch', flow: split, events: [], outcome: 'selfServed', exit: { outlet: 'a', reason: /./ } },
  // sub-flow
  // The sub-flow node's visit is left by `call`; the return node's visit by the outlet the calling node then takes.
  {
    path: 'sub-flow: returns a listed outcome',
    flow: subflows,
    events: [{ type: 'digits', digits: '1' }],
    outcome: 'selfServed',
    exit: { outlet: 'call', reason: /calls sub-flow "identify"/ },
    also: { nodeId: 'ok', outlet: 'verified', reason: /returned "verified"/ },
  },
  {
    path: 'sub-flow: returns an outcome not listed → failed, after failed input',
    flow: subflows,
    events: [{ type: 'digits', digits: '5' }, done],
    outcome: 'unresolvedInIvr',
    exit: { outlet: 'call', reason: /calls sub-flow/ },
    also: { nodeId: 'no', outlet: 'failed', reason: /returned "unknown"/ },
  },
  { path: 'sub-flow: caller hangs up inside it', flow: subflows, events: [hangup], outcome: 'callerHungUp', exit: { outlet: 'call', reason: /calls sub-flow "identify"/ } },
  { path: 'sub-flow: not available', flow: missingSubflow, events: [done], outcome: 'selfServed', exit: { outlet: 'failed', reason: /not available/ } },
];

describe('every path of every node type: outcome and outlet', () => {
  it.each(PATHS)('$path → $outcome', (path) => {
    const effects = run(path.flow(), path.events, path.caller);
    const end = effects.find((e): e is EffectOf<'end'> => e.kind === 'end');
    expect(end?.outcome, JSON.stringify(effects.filter((e) => e.kind === 'visit' || e.kind === 'end'))).toBe(path.outcome);
    const exit = exitOf(effects);
    if (path.exit === null) expect(exit).toBeNull();
    else {
      expect(exit?.outlet).toBe(path.exit.outlet);
      expect(exit?.reason).toMatch(path.exit.reason);
    }
    if (path.also) {
      expect(exitOf(effects, path.also.nodeId)).toMatchObject({ outlet: path.also.outlet, reason: expect.stringMatching(path.also.reason) });
    }
  });

  it('a node entered automatically after a key says "took <outlet>", not the key', () => {
    const effects = run(menuThenAutomatic(), [{ type: 'digits', digits: '1' }]);
    expect(exitOf(effects, 'n')?.reason).toBe('pressed 1');
    const afterMenu = run(menuThenAutomatic(), [{ type: 'digits', digits: '7' }, { type: 'digits', digits: '8' }, { type: 'digits', digits: '9' }]);
    expect(exitOf(afterMenu, 'note')).toEqual({ nodeId: 'note', outlet: 'next', reason: 'took next', said: { id: 'took', params: { outlet: 'next' } } });
  });

  it('covers every node type of the registry', async () => {
    const { NODE_TYPES } = await import('../nodes/registry.js');
    const used = new Set(PATHS.flatMap((path) => {
      const flow = path.flow();
      const flows = 'flows' in flow ? Object.values(flow.flows) : [flow];
      return flows.flatMap((f) => Object.values(f.nodes).map((node) => node.type));
    }));
    expect([...NODE_TYPES].filter((type) => !used.has(type))).toEqual([]);
  });
});
