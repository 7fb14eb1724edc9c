import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import { start, step } from '../interpreter/interpreter.js';
import type { Effect } from '../interpreter/effects.js';
import { linkProgram } from '../interpreter/program.js';
import { checkSubflowOutcomes, checkSubflowReferences, findSubflowCycle } from '../linter/subflows.js';
import { buildFlow, T0 } from '../../test/build.js';
import { returnNode } from './return.js';
import { subflowNode } from './subflow.js';

function compile(document: ReturnType<typeof buildFlow>): CompiledFlow {
  const result = compileFlow(document);
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

/** Main flow: identify the caller in a sub-flow, then greet or apologise. */
function mainFlow(subflow: Record<string, unknown> = {}, extraEdges: string[] = []) {
  return compile(
    buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'identify', type: 'subflow', data: { flow: 'Identify caller', outcomes: ['verified', 'unknown'], ...subflow } },
        { id: 'welcome', type: 'announcement', data: { prompt: { text: { en: 'Welcome back, your PIN was ${pin}.' } } } },
        { id: 'sorry', type: 'hangup', data: { goodbye: { text: { en: 'Sorry, we could not check your details.' } } } },
        { id: 'bye', type: 'hangup' },
      ],
      ['start:next->identify', 'identify:verified->welcome', 'identify:unknown->bye', 'identify:failed->sorry', 'welcome:next->bye', ...extraEdges],
      { name: 'Main line', variables: [{ name: 'pin', type: 'string', initial: 'not asked' }] },
    ),
  );
}

/** Sub-flow: ask for a PIN; 1234 is verified, anything else unknown; an odd outcome for PIN 0000. */
function identifyFlow() {
  return compile(
    buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'ask', type: 'collectDigits', data: { prompt: { text: { en: 'Enter your PIN.' } }, variable: 'pin', minDigits: 4, maxDigits: 4, maxRetries: 0 } },
        {
          id: 'check',
          type: 'condition',
          data: {
            branches: [
              { key: 'good', label: 'Right PIN', expression: 'pin == "1234" && attempts == 0' },
              { key: 'odd', label: 'Test PIN', expression: 'pin == "0000"' },
            ],
          },
        },
        { id: 'verified', type: 'return', data: { outcome: 'verified' } },
        { id: 'unknown', type: 'return', data: { outcome: 'unknown' } },
        { id: 'odd', type: 'return', data: { outcome: 'somethingElse' } },
      ],
      ['start:next->ask', 'ask:ok->check', 'ask:failed->unknown', 'check:good->verified', 'check:odd->odd', 'check:default->unknown'],
      { name: 'Identify caller', variables: [{ name: 'pin', type: 'string' }, { name: 'attempts', type: 'integer' }] },
    ),
  );
}

/** A flow named `name` whose Sub-flow node `again` calls `callee` and hangs up on either outlet. */
function loopFlow(name: string, callee: string) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'again', type: 'subflow', data: { flow: callee, outcomes: ['done'] } },
      { id: 'end', type: 'hangup' },
      { id: 'done', type: 'return', data: { outcome: 'done' } },
    ],
    ['start:next->again', 'again:done->done', 'again:failed->end'],
    { name },
  );
}

/** A flow that says its name, then calls `callee`, with no failed outlet. */
function promptThenCall(name: string, callee: string) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'hello', type: 'announcement', data: { prompt: { text: { en: `This is ${name}.` } } } },
      { id: 'call', type: 'subflow', data: { flow: callee, outcomes: ['done'] } },
      { id: 'done', type: 'return', data: { outcome: 'done' } },
    ],
    ['start:next->hello', 'hello:next->call', 'call:done->done'],
    { name },
  );
}

const call = { callId: 'c1', caller: '+441632960000', dialled: '100', at: T0 };
const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [`${e.flow}/${e.nodeId}`] : []));

describe('subflow and return nodes', () => {
  it('enters the sub-flow without answering again and returns to the outlet named by its Return node', () => {
    const program = linkProgram(mainFlow(), [identifyFlow()]);
    const first = start(program, call);
    expect(first.effects.filter((e) => e.kind === 'answer')).toHaveLength(1);
    expect(first.effects).toContainEqual({ kind: 'enterSubflow', flow: 'Identify caller' });
    expect(visited(first.effects)).toEqual(['Main line/start', 'Main line/identify', 'Identify caller/start', 'Identify caller/ask']);
    expect(first.state.stack.map((f) => f.flow)).toEqual(['Main line', 'Identify caller']);

    // The call's state survives persistence in the middle of a sub-flow.
    const restored = JSON.parse(JSON.stringify(first.state)) as typeof first.state;
    const entered = step(program, restored, { type: 'digits', digits: '1234', at: T0 + 5000, seq: restored.pending?.seq });
    expect(entered.effects).toContainEqual({ kind: 'exitSubflow', flow: 'Identify caller', outcome: 'verified' });
    expect(visited(entered.effects)).toEqual(['Identify caller/check', 'Identify caller/verified', 'Main line/welcome']);
    expect(entered.state.stack.map((f) => f.flow)).toEqual(['Main line']);
  });

  it('keeps variables per flow: the sub-flow starts from its own initial values and the caller\'s are restored', () => {
    const program = linkProgram(mainFlow(), [identifyFlow()]);
    const first = start(program, call);
    expect(first.state.vars).toEqual({ pin: '', attempts: 0 });
    const entered = step(program, first.state, { type: 'digits', digits: '1234', at: T0 + 5000, seq: first.state.pending?.seq });
    // The sub-flow's `pin` does not leak into the main flow's `pin`.
    expect(entered.state.vars).toEqual({ pin: 'not asked' });
    expect(entered.effects).toContainEqual(expect.objectContaining({ kind: 'play', prompt: { language: 'en', text: 'Welcome back, your PIN was not asked.' } }));
    expect(first.state.vars).toEqual({ pin: '', attempts: 0 }); // the earlier state is untouched
  });

  it('takes failed when the sub-flow returns an outcome the node does not list', () => {
    const program = linkProgram(mainFlow(), [identifyFlow()]);
    const first = start(program, call);
    const odd = step(program, first.state, { type: 'digits', digits: '0000', at: T0 + 5000, seq: first.state.pending?.seq });
    expect(odd.effects).toContainEqual({ kind: 'exitSubflow', flow: 'Identify caller', outcome: 'somethingElse' });
    expect(visited(odd.effects).at(-1)).toBe('Main line/sorry');
  });

  it('takes failed when the sub-flow is not available', () => {
    const first = start(linkProgram(mainFlow()), call);
    expect(first.effects.some((e) => e.kind === 'enterSubflow')).toBe(false);
    expect(visited(first.effects)).toEqual(['Main line/start', 'Main line/identify', 'Main line/sorry']);
  });

  it('refuses, when compiling, a flow that calls itself (SB303), naming the cycle', () => {
    const result = compileFlow(loopFlow('Loop', 'Loop'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'SB303',
        severity: 'error',
        nodeId: 'again',
        path: 'nodes[1].data.flow',
        message: 'sub-flow node again calls its own flow "Loop" (Loop → Loop)',
        hint: expect.stringContaining('Break the cycle Loop → Loop'),
      }),
    );
    expect(compileFlow(loopFlow('Loop', 'Other')).diagnostics.filter((d) => d.code === 'SB303')).toEqual([]);
  });

  it('caps sub-flow nesting at 8: a flow calling itself (an old version) takes the failed outlet at depth 8, with a refusal to log', () => {
    const loop = compileFlow(loopFlow('Loop', 'Loop')).compiled as CompiledFlow;
    const result = start(linkProgram(loop), call);
    const refused = result.effects.filter((e) => e.kind === 'subflowRefused');
    expect(refused).toEqual([
      {
        kind: 'subflowRefused',
        flow: 'Loop',
        limit: 8,
        chain: Array(10).fill('Loop'),
        reason: `sub-flow "Loop" not started: sub-flow calls nested 8 deep (${Array(10).fill('Loop').join(' → ')}); continuing by the failed outlet of node again`,
      },
    ]);
    expect(result.effects.filter((e) => e.kind === 'enterSubflow')).toHaveLength(8);
    expect(result.state.status).toBe('ended');
    expect(result.effects.at(-1)).toMatchObject({ kind: 'end', nodeId: 'end' });
    expect(result.state.steps).toBeLessThan(40);
  });

  it('ends a call whose sub-flows call each other with no failed outlet, with an error naming the calls, after a prompt in each', () => {
    // The reported case: A plays a prompt and calls B, B plays a prompt and calls A. Each prompt waits for the
    // switch, so only the whole-call step budget (10,000 steps) stopped it before: hours of prompts.
    const a = compileFlow(promptThenCall('A', 'B')).compiled as CompiledFlow;
    const b = compileFlow(promptThenCall('B', 'A')).compiled as CompiledFlow;
    const program = linkProgram(a, [b]);
    let result = start(program, call);
    let prompts = 0;
    while (result.state.status !== 'ended' && prompts < 100) {
      prompts++;
      result = step(program, result.state, { type: 'promptFinished', at: T0 + prompts * 1000, seq: result.state.pending?.seq });
    }
    expect(prompts).toBe(9);
    expect(result.state.outcome).toBe('error');
    const chain = ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B'];
    expect(result.effects.slice(-3)).toEqual([
      expect.objectContaining({ kind: 'subflowRefused', flow: 'B', chain }),
      expect.objectContaining({ kind: 'hangup', cause: 'NORMAL_TEMPORARY_FAILURE' }),
      expect.objectContaining({
        kind: 'end',
        outcome: 'error',
        flow: 'A',
        nodeId: 'call',
        reason: `sub-flow "B" not started: sub-flow calls nested 8 deep (${chain.join(' → ')}); node call has no failed outlet, so the call ends`,
      }),
    ]);
  });

  it('runs 8 nested sub-flow calls and refuses the 9th', () => {
    const chainOf = (length: number) =>
      Array.from({ length }, (_, i) =>
        compileFlow(
          i === length - 1
            ? buildFlow([{ id: 'start', type: 'start' }, { id: 'done', type: 'return', data: { outcome: 'done' } }], ['start:next->done'], { name: `F${i}` })
            : loopFlow(`F${i}`, `F${i + 1}`),
        ).compiled as CompiledFlow,
      );
    const eight = chainOf(9); // F0 calls F1 … calls F8: 8 nested calls
    const deep = start(linkProgram(eight[0] as CompiledFlow, eight.slice(1)), call);
    expect(deep.effects.filter((e) => e.kind === 'enterSubflow')).toHaveLength(8);
    expect(deep.effects.filter((e) => e.kind === 'exitSubflow')).toHaveLength(8);
    expect(deep.effects.some((e) => e.kind === 'subflowRefused')).toBe(false);
    const nine = chainOf(10);
    const tooDeep = start(linkProgram(nine[0] as CompiledFlow, nine.slice(1)), call);
    expect(tooDeep.effects.filter((e) => e.kind === 'subflowRefused')).toEqual([expect.objectContaining({ flow: 'F9', chain: nine.map((f) => f.name) })]);
    expect(visited(tooDeep.effects).at(-1)).toBe('F8/end');
  });

  it('ends the call when a Return node runs in a flow that was not called as a sub-flow', () => {
    const result = start(identifyFlow(), call);
    const done = step(identifyFlow(), result.state, { type: 'digits', digits: '1234', at: T0 + 1000, seq: result.state.pending?.seq });
    expect(done.state.status).toBe('ended');
    expect(done.effects.at(-1)).toMatchObject({ kind: 'end', nodeId: 'verified' });
  });

  it('lists called flows in the compiled flow, for cycle (SB301) and missing-flow (SB302) checks', () => {
    const main = mainFlow();
    expect(main.subflows).toEqual(['Identify caller']);
    const loop = compile(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'a', type: 'subflow', data: { flow: 'Main line' } },
          { id: 'b', type: 'subflow', data: { flow: 'Billing' } },
          { id: 'end', type: 'hangup' },
        ],
        ['start:next->a', 'a:failed->b', 'b:failed->end'],
        { name: 'Identify caller' },
      ),
    );
    expect(loop.subflows).toEqual(['Billing', 'Main line']);
    const diagnostics = checkSubflowReferences(new Map([main, loop].map((f) => [f.name, f.subflows])));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB301', message: expect.stringContaining('Identify caller') }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB302', message: expect.stringContaining('"Billing"') }));
  });

  it('reports outcomes listed twice or named failed (SB190); outlets are the outcomes plus failed', () => {
    const { diagnostics } = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'sub', type: 'subflow', data: { flow: 'Other', outcomes: ['done', 'done', 'failed'] } },
          { id: 'end', type: 'hangup' },
        ],
        ['start:next->sub', 'sub:done->end', 'sub:failed->end'],
      ),
    );
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB190', nodeId: 'sub', path: 'nodes[1].data.outcomes[1]' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB190', nodeId: 'sub', path: 'nodes[1].data.outcomes[2]' }));
    expect(subflowNode.outlets({ flow: 'Other', outcomes: ['done', 'done', 'failed'] }).map((o) => o.name)).toEqual(['done', 'failed']);
  });

  it('compiles its defaults once connected', () => {
    const result = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'sub', type: 'subflow', data: subflowNode.defaults() },
          { id: 'end', type: 'hangup' },
          { id: 'ret', type: 'return', data: returnNode.defaults() },
        ],
        ['start:next->sub', 'sub:done->ret', 'sub:failed->end'],
      ),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('checkSubflowReferences', () => {
  const graph = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

  it('names each cycle of sub-flow calls as the calls go (SB301), in the message and the hint', () => {
    const diagnostics = checkSubflowReferences(graph({ 'main-menu': ['billing'], billing: ['main-menu'], 'opening-hours': [] }));
    expect(diagnostics).toEqual([
      {
        code: 'SB301',
        severity: 'error',
        path: 'flows["billing"]',
        message: 'sub-flows call each other in a cycle: billing → main-menu → billing',
        hint: 'Break the cycle billing → main-menu → billing: change or remove the Sub-flow node in one of these flows. A call into it would never end.',
        messageId: 'SB301.cycle',
        hintId: 'SB301.cycleHint',
        params: { cycle: 'billing → main-menu → billing' },
      },
    ]);
  });

  it('finds the shortest cycle back to a flow, and none where calls do not return to it', () => {
    const calls = graph({ 'main-menu': ['identify', 'billing'], identify: [], billing: ['payments'], payments: ['main-menu', 'billing'] });
    expect(findSubflowCycle(calls, 'main-menu')).toEqual(['main-menu', 'billing', 'payments', 'main-menu']);
    expect(findSubflowCycle(calls, 'billing')).toEqual(['billing', 'payments', 'billing']);
    expect(findSubflowCycle(calls, 'identify')).toBeNull();
    expect(findSubflowCycle(graph({ loop: ['loop'] }), 'loop')).toEqual(['loop', 'loop']);
    expect(checkSubflowReferences(graph({ 'main-menu': ['identify'], identify: [] }))).toEqual([]);
  });
});

describe('checkSubflowOutcomes', () => {
  it('reports an outcome a sub-flow can return that the calling node does not list (SB191)', () => {
    const main = mainFlow();
    const diagnostics = checkSubflowOutcomes([main, identifyFlow()]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'SB191', nodeId: 'identify', path: 'flows["Main line"].nodes["identify"]', message: expect.stringContaining('"somethingElse"') }),
    ]);
    expect(checkSubflowOutcomes([mainFlow({ outcomes: ['verified', 'unknown', 'somethingElse'] }, ['identify:somethingElse->bye']), identifyFlow()])).toEqual([]);
  });
});
