import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@switchboard/flows';
import { updateNodeLabel } from './document-edits';
import { PendingEdits, type PendingEdit } from './pending-edits';

const flow = {
  nodes: [
    { id: 'a', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'b', type: 'start', position: { x: 0, y: 0 }, data: {} },
  ],
  edges: [],
} as unknown as FlowDocument;

const label = (nodeId: string, text: string): PendingEdit => ({ key: `${nodeId}:label`, apply: (d) => updateNodeLabel(d, nodeId, text) });
const labels = (d: FlowDocument) => d.nodes.map((n) => n.label ?? '');

describe('PendingEdits', () => {
  it('shows queued keystrokes on top of the document and commits nothing before a flush', () => {
    const committed: PendingEdit[] = [];
    const pending = new PendingEdits((edit) => committed.push(edit));
    pending.add(label('a', 'B'));
    pending.add(label('a', 'Bi'));
    expect(labels(pending.applyTo(flow))).toEqual(['Bi', '']);
    expect(committed).toEqual([]);
  });

  it('commits the last value of each field in typing order, then is empty', () => {
    let document = flow;
    const keys: string[] = [];
    const pending = new PendingEdits((edit) => {
      keys.push(edit.key);
      document = edit.apply(document);
    });
    pending.add(label('a', 'B'));
    pending.add(label('a', 'Bill'));
    pending.add(label('b', 'Q'));
    pending.add(label('a', 'Billing'));
    expect(pending.flush()).toBe(true);
    expect(keys).toEqual(['a:label', 'b:label', 'a:label']);
    expect(labels(document)).toEqual(['Billing', 'Q']);
    expect(pending.size).toBe(0);
    expect(pending.flush()).toBe(false);
  });

  it('tells subscribers about every change and forgets on discard', () => {
    const pending = new PendingEdits(() => undefined);
    let calls = 0;
    const unsubscribe = pending.subscribe(() => calls++);
    const before = pending.snapshot();
    pending.add(label('a', 'x'));
    expect(pending.snapshot()).not.toBe(before);
    pending.discard();
    expect(labels(pending.applyTo(flow))).toEqual(['', '']);
    unsubscribe();
    pending.add(label('a', 'y'));
    expect(calls).toBe(2);
  });
});
