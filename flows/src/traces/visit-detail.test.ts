import { describe, expect, it } from 'vitest';
import type { Effect } from '../interpreter/effects.js';
import { VisitDetailRecorder } from './visit-detail.js';

const visit = (nodeId: string, arrivedFrom: Extract<Effect, { kind: 'visit' }>['arrivedFrom']): Effect => ({ kind: 'visit', flow: 'f', nodeId, nodeType: 'menu', at: 0, arrivedFrom });

describe('visit details keep why a visit was left and why the call ended, by message id', () => {
  it('the visit left keeps its exit reason\'s id; the last visit the end\'s', () => {
    const recorder = new VisitDetailRecorder();
    recorder.stepped(null, [visit('menu', null)]);
    recorder.visitStarted();
    const pressed = { id: 'event.pressed', params: { digits: '2' } };
    recorder.stepped({ type: 'digits', at: 1, digits: '2' }, [
      visit('bye', { nodeId: 'menu', outlet: '2', reason: 'pressed 2', said: pressed }),
      { kind: 'end', outcome: 'selfServed', flow: 'f', nodeId: 'bye', at: 1, reason: 'flow ended the call', said: { id: 'hangup.ended' }, lastExit: null },
    ]);
    expect(recorder.visitStarted()).toEqual({ events: [{ type: 'digits', at: 1, digits: '2' }], left: pressed });
    expect(recorder.currentDetail).toEqual({ ended: { id: 'hangup.ended' } });
  });

  it('old effects without ids keep the detail as before', () => {
    const recorder = new VisitDetailRecorder();
    recorder.stepped(null, [visit('menu', null)]);
    recorder.visitStarted();
    recorder.stepped(null, [visit('bye', { nodeId: 'menu', outlet: 'next', reason: 'took next' })]);
    expect(recorder.visitStarted()).toBeNull();
  });
});
