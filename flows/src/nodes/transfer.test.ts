import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import type { Effect } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import { start, step, type StepResult } from '../interpreter/interpreter.js';
import { buildFlow, T0 } from '../../test/build.js';

function flowWith(data: Record<string, unknown>, edges = ['start:next->t', 't:busy->busy', 't:noAnswer->vm', 't:failed->sorry']): CompiledFlow {
  const document = buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 't', type: 'transfer', data },
      { id: 'busy', type: 'hangup', data: { goodbye: { text: { en: 'The line is busy.' } } } },
      { id: 'vm', type: 'voicemail', data: { mailbox: '2001' } },
      { id: 'sorry', type: 'hangup' },
    ],
    edges,
  );
  const result = compileFlow(document);
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.compiled;
}

const CALL = { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 };
const ext = { destination: { type: 'extension', value: '2001' }, timeoutSeconds: 20 };

function answer(flow: CompiledFlow, result: StepResult, event: CallEvent): StepResult {
  return step(flow, result.state, { ...event, seq: result.state.pending?.seq } as CallEvent);
}
const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));

describe('transfer node', () => {
  it('rings the destination for the configured time with the chosen caller id', () => {
    const flow = flowWith({ destination: { type: 'number', value: '+442071234567' }, timeoutSeconds: 25, callerIdNumber: '+442070000000' });
    const first = start(flow, CALL);
    expect(first.effects).toContainEqual({
      kind: 'transfer',
      destination: { type: 'number', value: '+442071234567' },
      timeoutSeconds: 25,
      callerIdNumber: '+442070000000',
      seq: first.state.pending?.seq,
    });
  });

  it('ends the flow as transferred when answered, leaving the bridged call to the switch (no hangup)', () => {
    const flow = flowWith(ext);
    const result = answer(flow, start(flow, CALL), { type: 'transferResult', at: T0 + 8000, result: 'answered' });
    expect(result.effects.map((e) => e.kind)).toEqual(['end']);
    expect(result.effects[0]).toMatchObject({ outcome: 'transferred', nodeId: 't' });
    expect(result.state.reachedAgent).toBe(true);
  });

  it('routes busy, no answer and failure to their outlets', () => {
    const flow = flowWith(ext);
    const busy = answer(flow, start(flow, CALL), { type: 'transferResult', at: T0 + 1000, result: 'busy', cause: 'USER_BUSY' });
    expect(visited(busy.effects)).toEqual(['busy']);
    const noAnswer = answer(flow, start(flow, CALL), { type: 'transferResult', at: T0 + 20000, result: 'noAnswer' });
    expect(visited(noAnswer.effects)).toEqual(['vm']);
    const failed = answer(flow, start(flow, CALL), { type: 'transferResult', at: T0 + 500, result: 'failed', cause: 'NO_ROUTE_DESTINATION' });
    expect(visited(failed.effects)).toEqual(['sorry']);
    const broken = answer(flow, start(flow, CALL), { type: 'effectFailed', at: T0 + 500, message: 'bridge error' });
    expect(visited(broken.effects)).toEqual(['sorry']);
  });

  it('falls back to the busy route for no answer and failures when only busy is connected', () => {
    const flow = flowWith(ext, ['start:next->t', 't:busy->busy']);
    const noAnswer = answer(flow, start(flow, CALL), { type: 'transferResult', at: T0 + 20000, result: 'noAnswer' });
    expect(visited(noAnswer.effects)).toEqual(['busy']);
    const failed = answer(flow, start(flow, CALL), { type: 'transferResult', at: T0 + 500, result: 'failed' });
    expect(visited(failed.effects)).toEqual(['busy']);
  });

  it('reports destinations that cannot be dialled (SB170)', () => {
    const cases: Array<[string, string, boolean]> = [
      ['extension', '2001', true],
      ['extension', '20a1', false],
      ['number', '+442071234567', true],
      ['number', '02071234567', false],
      ['sip', 'sip:support@pbx.example.com', true],
      ['sip', 'sips:1000@10.0.0.5:5061;transport=tls', true],
      ['sip', 'support@pbx.example.com', false],
    ];
    for (const [type, value, ok] of cases) {
      const document = buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 't', type: 'transfer', data: { destination: { type, value } } },
          { id: 'end', type: 'hangup' },
        ],
        ['start:next->t', 't:busy->end'],
      );
      const diagnostics = compileFlow(document).diagnostics.filter((d) => d.code === 'SB170');
      if (ok) expect(diagnostics, `${type} ${value}`).toEqual([]);
      else expect(diagnostics, `${type} ${value}`).toEqual([expect.objectContaining({ nodeId: 't', path: 'nodes[1].data.destination.value', severity: 'error' })]);
    }
  });
});
