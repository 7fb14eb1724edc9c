import type { FlowDocument, Scenario } from '@switchboard/flows';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doc, fakeDraftServer } from '../test/fake-draft-server';
import { useDraftAutosave, type ScenarioSaveOutcome } from './useDraftAutosave';

const scenario = (name: string) => ({ name, call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' } }) as Scenario;
const withScenarios = (document: FlowDocument, scenarios: Scenario[]) => ({ ...document, scenarios });

describe('saving scenarios alongside automatic draft saving', () => {
  it('saves unsaved edits first, then the scenarios on that revision, and continues from the new revision', async () => {
    const { server, store } = fakeDraftServer(3);
    const { result } = renderHook(() => useDraftAutosave(store, doc('a'), 3, 5_000));
    act(() => result.current.change(doc('edited')));
    let outcome: ScenarioSaveOutcome | undefined;
    await act(async () => {
      outcome = await result.current.saveScenarios([scenario('holiday')]);
    });
    expect(outcome).toEqual({ saved: true, revision: 5 });
    expect(server.saves).toEqual([{ base: 3, description: 'edited' }]);
    expect(server.scenarioSaves).toEqual([{ base: 4, names: ['holiday'] }]);
    expect(result.current.revision).toBe(5);
    expect(result.current.status).toBe('saved');
    expect(result.current.document.description).toBe('edited');
    expect(result.current.document.scenarios?.map((s) => s.name)).toEqual(['holiday']);

    act(() => result.current.change({ ...result.current.document, description: 'later' }));
    await act(async () => void (await result.current.flush()));
    expect(server.saves.at(-1)).toEqual({ base: 5, description: 'later' });
    expect(server.document.scenarios?.map((s) => s.name)).toEqual(['holiday']);
  });

  it('edits made while the scenarios are on their way are saved after them, with them', async () => {
    const { server, store } = fakeDraftServer(1);
    let release!: () => void;
    server.hold = new Promise((resolve) => (release = resolve));
    const { result } = renderHook(() => useDraftAutosave(store, doc('a'), 1, 10));
    let saving!: Promise<ScenarioSaveOutcome>;
    act(() => {
      saving = result.current.saveScenarios([scenario('queue')]);
    });
    await waitFor(() => expect(server.scenarioSaves).toHaveLength(1));
    act(() => result.current.change(doc('dragged')));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.saves).toEqual([]);
    server.hold = null;
    release();
    await act(async () => void (await saving));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves).toEqual([{ base: 2, description: 'dragged' }]);
    expect(server.document.scenarios?.map((s) => s.name)).toEqual(['queue']);
  });

  it('a change computed from the document before the save never puts the old scenarios back', async () => {
    const { server, store } = fakeDraftServer(1);
    const before = withScenarios(doc('a'), [scenario('old')]);
    const { result } = renderHook(() => useDraftAutosave(store, before, 1, 10));
    const { change } = result.current;
    await act(async () => {
      // The canvas emits a drag computed from the document it still shows, before it re-renders with the new one.
      await result.current.saveScenarios([scenario('old'), scenario('new')]).then(() => change({ ...before, description: 'moved' }));
    });
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves).toEqual([{ base: 2, description: 'moved' }]);
    expect(server.document.scenarios?.map((s) => s.name)).toEqual(['old', 'new']);

    // Once it shows the saved scenarios, the editor may change them itself (the code view).
    act(() => result.current.change({ ...result.current.document, scenarios: [] }));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.document.scenarios).toEqual([]);
  });

  it('when someone saved in between and nothing is unsaved, loads their draft and says who', async () => {
    const { server, store } = fakeDraftServer(6);
    const { result } = renderHook(() => useDraftAutosave(store, doc('a'), 5, 10));
    let outcome: ScenarioSaveOutcome | undefined;
    await act(async () => {
      outcome = await result.current.saveScenarios([scenario('holiday')]);
    });
    expect(outcome).toMatchObject({ saved: false, reloaded: true, conflict: { revision: 6, savedBy: { displayName: 'Sam Other' } } });
    expect(result.current.document.description).toBe('server');
    expect(result.current.revision).toBe(6);
    expect(result.current.conflict).toBeNull();
    expect(server.document.scenarios).toBeUndefined();
  });
});
