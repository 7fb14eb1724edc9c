import type { CallTrace } from '@switchboard/flows';
import { describe, expect, it } from 'vitest';
import { replayHighlights, traceLines } from './trace-lines';

const T = Date.parse('2026-11-23T10:00:00Z');

const trace: CallTrace = {
  callId: 'c1',
  environment: 'production',
  address: '+15550100',
  flowName: 'Main menu',
  versionId: null,
  versionNumber: 4,
  callerNumber: '+44 7700 •••123',
  startedAt: T,
  endedAt: T + 30_000,
  outcome: 'transferred',
  endReason: null,
  queue: null,
  calendars: [],
  visits: [
    { sequence: 0, flow: 'Main menu', nodeId: 'menu', nodeType: 'menu', enteredAt: T, outlet: '0', reason: 'pressed 0', detail: { heard: [{ text: 'For sales, press 1.', language: 'en' }], events: [{ type: 'noInput', at: T + 5000 }, { type: 'digits', at: T + 9000, digits: '0' }] } },
    { sequence: 1, flow: 'Billing', nodeId: 'lookup', nodeType: 'httpRequest', enteredAt: T + 9500, outlet: 'ok', reason: 'status 200', detail: { events: [{ type: 'httpResult', at: T + 9700, status: 200 }] } },
    { sequence: 2, flow: 'Main menu', nodeId: 'operator', nodeType: 'transfer', enteredAt: T + 10_000, outlet: null, reason: null, detail: { events: [{ type: 'transferResult', at: T + 14_000, result: 'answered' }] } },
  ],
};

describe('a real call as transcript lines', () => {
  it('gives each step its decision, visit, prompts heard and what came back, in the simulator’s line kinds', () => {
    const lines = traceLines(trace);
    expect(lines.map(({ step, line }) => `${step} ${line.kind}${line.kind === 'caller' ? ` ${line.entry.action.action}` : ''}`)).toEqual([
      '0 visit',
      '0 heard',
      '0 caller silence',
      '0 caller press',
      '1 decision',
      '1 visit',
      '1 event',
      '2 decision',
      '2 visit',
      '2 event',
    ]);
    expect(lines[4]?.line).toMatchObject({ kind: 'decision', nodeId: 'menu', outlet: '0', reason: 'pressed 0' });
    expect(lines[9]?.line).toMatchObject({ kind: 'event', from: 'switch', type: 'transferResult', fields: [{ name: 'result', value: 'answered' }] });
  });

  it('lights the path up to the step, the step’s node active; sub-flow steps keep the caller lit', () => {
    expect(replayHighlights(trace, 0)).toEqual({ menu: 'active' });
    expect(replayHighlights(trace, 1)).toEqual({ menu: 'active' });
    expect(replayHighlights(trace, 2)).toEqual({ menu: 'visited', operator: 'active' });
  });
});
