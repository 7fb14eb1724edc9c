import { describe, expect, it } from 'vitest';
import { supportLineFlow } from '../examples/support-line';
import type { FlowDocument } from '@switchboard/flows';
import { emptyHistory, HISTORY_LIMIT, MERGE_WINDOW_MS, onlyScenariosChanged, rebaseScenarios, recordEdit, redo, replacedFromOutside, undo } from './history';

const docs = Array.from({ length: 4 }, (_, i) => ({ ...supportLineFlow(), name: `v${i}` }));

describe('edit history', () => {
  it('undoes and redoes whole documents in order', () => {
    let history = recordEdit(emptyHistory, docs[0]!, 0);
    history = recordEdit(history, docs[1]!, 5000);
    const back = undo(history, docs[2]!);
    expect(back?.document.name).toBe('v1');
    const back2 = undo(back!.history, back!.document);
    expect(back2?.document.name).toBe('v0');
    expect(undo(back2!.history, back2!.document)).toBeNull();
    const forward = redo(back2!.history, back2!.document);
    expect(forward?.document.name).toBe('v1');
  });

  it('a new edit after undo drops the redo steps', () => {
    const history = recordEdit(emptyHistory, docs[0]!, 0);
    const back = undo(history, docs[1]!)!;
    const edited = recordEdit(back.history, back.document, 10);
    expect(redo(edited, docs[2]!)).toBeNull();
  });

  it('merges a burst of typing in one field into one step', () => {
    let history = recordEdit(emptyHistory, docs[0]!, 0, 'menu:prompt');
    history = recordEdit(history, docs[1]!, MERGE_WINDOW_MS / 2, 'menu:prompt');
    expect(history.past).toHaveLength(1);
    history = recordEdit(history, docs[2]!, MERGE_WINDOW_MS * 3, 'menu:prompt');
    expect(history.past).toHaveLength(2);
    history = recordEdit(history, docs[3]!, MERGE_WINDOW_MS * 3 + 1, 'menu:label');
    expect(history.past).toHaveLength(3);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let history = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history = recordEdit(history, docs[i % 4]!, i * 10_000);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
  });

  it('carries scenarios saved elsewhere into every undo and redo step, and tells them from other outside changes', () => {
    const scenario = { name: 'tester run' } as NonNullable<FlowDocument['scenarios']>[number];
    const base = docs[0]!;
    const withScenario = { ...base, scenarios: [scenario] };
    expect(onlyScenariosChanged(base, withScenario)).toBe(true);
    expect(onlyScenariosChanged(base, { ...withScenario, description: 'other' })).toBe(false);
    expect(onlyScenariosChanged(base, base)).toBe(false);

    let history = recordEdit(emptyHistory, docs[0]!, 0);
    history = recordEdit(history, docs[1]!, 5000);
    const back = undo(history, docs[2]!)!;
    const rebased = rebaseScenarios(back.history, [scenario]);
    expect(rebased.past.map((d) => d.scenarios)).toEqual([[scenario]]);
    expect(rebased.future.map((d) => d.scenarios)).toEqual([[scenario]]);
    expect(rebased.past[0]!.name).toBe('v0');
    expect(rebased.future[0]!.name).toBe('v2');
    expect(rebaseScenarios(rebased, undefined).past[0]).not.toHaveProperty('scenarios');
  });

  it("tells a document replaced from outside from edits of the editor's own and scenarios saved elsewhere", () => {
    const scenario = { name: 'tester run' } as NonNullable<FlowDocument['scenarios']>[number];
    const shown = docs[0]!;
    const mine = { ...shown, name: 'mine' };
    const theirs = { ...supportLineFlow(), name: 'theirs' };
    expect(replacedFromOutside(shown, shown, null)).toBe(false);
    expect(replacedFromOutside(shown, mine, mine)).toBe(false);
    // A tester's scenarios arriving on the shown document, or on the edit just handed out.
    expect(replacedFromOutside(shown, { ...shown, scenarios: [scenario] }, null)).toBe(false);
    expect(replacedFromOutside(shown, { ...mine, scenarios: [scenario] }, mine)).toBe(false);
    // "Take theirs" after a conflict, another version loaded.
    expect(replacedFromOutside(shown, theirs, mine)).toBe(true);
    expect(replacedFromOutside(mine, theirs, null)).toBe(true);
  });
});
