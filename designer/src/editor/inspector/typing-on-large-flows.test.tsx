import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { largeFlow } from '../examples/large-flow';
import { TYPING_PAUSE_MS } from '../state/usePendingEdits';
import { renderEditor } from '../test/render-editor';

// Above FIT_ALL_UP_TO steps the inspector's keystrokes wait for a pause in typing before they reach the document
// (issue 14). These check that waiting never loses or misplaces one.

beforeEach(async () => {
  await i18n.changeLanguage('en');
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const flowName = () => within(screen.getByRole('form', { name: 'Flow settings' })).getAllByLabelText('Name')[0] as HTMLInputElement;
const undoButton = () => screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
const pause = () => act(() => vi.advanceTimersByTime(TYPING_PAUSE_MS + 10));

describe('typing in the inspector of a large flow', () => {
  it('flow settings wait for the pause like step settings, and Undo is offered from the first key', () => {
    const flow = largeFlow(260);
    const { changes, latest } = renderEditor(flow);
    expect(undoButton().disabled).toBe(true);
    fireEvent.change(flowName(), { target: { value: 'B' } });
    fireEvent.change(flowName(), { target: { value: 'Bi' } });
    expect(flowName().value).toBe('Bi');
    expect(changes).toHaveLength(0);
    expect(undoButton().disabled).toBe(false);

    pause();
    expect(changes).toHaveLength(1);
    expect(latest().name).toBe('Bi');

    // Undo right after typing commits what was typed and steps back over it: one step for the field.
    fireEvent.change(flowName(), { target: { value: 'Bill' } });
    fireEvent.click(undoButton());
    expect(latest().name).toBe(flow.name);
    expect(flowName().value).toBe(flow.name);
  });

  it('a document replaced from outside ("take theirs" after a conflict) drops the keystrokes typed on the old one', () => {
    const flow = largeFlow(260);
    const { changes, latest, replace } = renderEditor(flow);
    fireEvent.change(flowName(), { target: { value: 'Mine' } });
    const theirs = { ...largeFlow(260), name: 'Theirs' };
    replace(theirs);
    pause();
    expect(changes).toHaveLength(0);
    expect(latest()).toBe(theirs);
    expect(flowName().value).toBe('Theirs');
    expect(undoButton().disabled).toBe(true);
  });

  it('scenarios saved by a tester while typing keep the keystrokes', () => {
    const flow = largeFlow(260);
    const { latest, replace } = renderEditor(flow);
    fireEvent.change(flowName(), { target: { value: 'Mine' } });
    const scenarios = [{ id: 'tester', name: 'Tester run', events: [] }] as unknown as NonNullable<typeof flow.scenarios>;
    replace({ ...flow, scenarios });
    pause();
    expect(latest().name).toBe('Mine');
    expect(latest().scenarios).toBe(scenarios);
  });
});
