import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import type { CallEvent } from '../interpreter/events.js';
import { start, step, type StepResult } from '../interpreter/interpreter.js';
import { parseFlowDocument } from '../document/parse.js';
import { buildFlow, T0 } from '../../test/build.js';

function flowWith(data: Record<string, unknown>, edges = ['start:next->vm']): CompiledFlow {
  const document = buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'vm', type: 'voicemail', data },
      { id: 'sorry', type: 'hangup', data: { goodbye: { text: { en: 'Please call again later.' } } } },
    ],
    edges,
  );
  const result = compileFlow(document);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.compiled;
}

const CALL = { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 };

function answer(flow: CompiledFlow, result: StepResult, event: CallEvent): StepResult {
  return step(flow, result.state, { ...event, seq: result.state.pending?.seq } as CallEvent);
}

describe('voicemail node', () => {
  it('opens the mailbox with the flow\'s own greeting', () => {
    const flow = flowWith({ mailbox: 'support', domain: 'pbx.example.com', greeting: { text: { en: 'Please leave your message after the tone.' } } });
    const first = start(flow, CALL);
    expect(first.effects).toContainEqual({
      kind: 'voicemail',
      mailbox: 'support',
      domain: 'pbx.example.com',
      greeting: { language: 'en', text: 'Please leave your message after the tone.' },
      seq: first.state.pending?.seq,
    });
  });

  it('hangs up when the message is recorded and counts the call as voicemail', () => {
    const flow = flowWith({ mailbox: '1000' });
    const result = answer(flow, start(flow, CALL), { type: 'voicemailFinished', at: T0 + 40_000 });
    expect(result.effects.map((e) => e.kind)).toEqual(['hangup', 'end']);
    expect(result.effects[1]).toMatchObject({ outcome: 'voicemail' });
  });

  it('counts a caller who hangs up to finish the message as voicemail, not as a hang-up', () => {
    const flow = flowWith({ mailbox: '1000' });
    const result = step(flow, start(flow, CALL).state, { type: 'hangup', at: T0 + 30_000 });
    expect(result.effects.map((e) => e.kind)).toEqual(['end']);
    expect(result.effects[0]).toMatchObject({ outcome: 'voicemail' });
  });

  it('takes the failed route when voicemail cannot start, or ends with an error when it is not connected', () => {
    const routed = flowWith({ mailbox: '1000' }, ['start:next->vm', 'vm:failed->sorry']);
    const viaFailed = answer(routed, start(routed, CALL), { type: 'effectFailed', at: T0 + 100, message: 'no such mailbox' });
    expect(viaFailed.effects).toContainEqual(expect.objectContaining({ kind: 'visit', nodeId: 'sorry' }));

    const alone = flowWith({ mailbox: '1000' });
    const ended = answer(alone, start(alone, CALL), { type: 'effectFailed', at: T0 + 100, message: 'no such mailbox' });
    expect(ended.effects).toContainEqual(expect.objectContaining({ kind: 'hangup', cause: 'NORMAL_TEMPORARY_FAILURE' }));
    expect(ended.effects).toContainEqual(expect.objectContaining({ kind: 'end', outcome: 'error' }));
  });

  it('rejects a mailbox id the switch could not use, at its field', () => {
    const parsed = parseFlowDocument({
      schemaVersion: 1,
      name: 'vm',
      languages: ['en'],
      nodes: [{ id: 'vm', type: 'voicemail', position: { x: 0, y: 0 }, data: { mailbox: 'sales team' } }],
      edges: [],
    });
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ code: 'SB001', nodeId: 'vm', path: 'nodes[0].data.mailbox' }));
  });
});
