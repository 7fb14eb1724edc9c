import type { FlowDocument, Scenario } from '@switchboard/flows';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doc, fakeDraftServer } from '../test/fake-draft-server';
import { useDraftAutosave, type ScenarioSaveOutcome } from './useDraftAutosave';

const scenario = (name: string) => ({ name, call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' } }) as Scenario;
const withScenarios = (document: FlowDocument, scenarios: Scenario[]) => ({ ...document, scenarios });
const names = (document: FlowDocument) => document.scenarios?.map((s) => s.name);
const loaded = (document: FlowDocument, revision: number, scenariosRevision = 1) => ({ document, revision, scenariosRevision });

describe('scenarios beside automatic draft saving', () => {
  it('saves scenarios on their own revision: node edits are neither flushed nor disturbed, and go out later without them', async () => {
    const { server, store } = fakeDraftServer(3);
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 3), 5_000));
    act(() => result.current.change(doc('edited')));
    let outcome: ScenarioSaveOutcome | undefined;
    await act(async () => {
      outcome = await result.current.saveScenarios([scenario('holiday')]);
    });
    expect(outcome).toEqual({ saved: true, scenariosRevision: 2 });
    expect(server.scenarioSaves).toEqual([{ base: 1, names: ['holiday'] }]);
    expect(server.saves).toEqual([]);
    expect(result.current.revision).toBe(3);
    expect(result.current.scenariosRevision).toBe(2);
    expect(result.current.status).toBe('unsaved');
    expect(result.current.document.description).toBe('edited');
    expect(names(result.current.document)).toEqual(['holiday']);

    await act(async () => void (await result.current.flush()));
    // The node save carries no scenario change: the server keeps the scenarios it has.
    expect(server.saves).toEqual([{ base: 3, description: 'edited' }]);
    expect(server.scenarios.map((s) => s.name)).toEqual(['holiday']);
    expect(result.current.status).toBe('saved');
  });

  it('a tester saving elsewhere never makes the next autosave a conflict; the autosave brings their scenarios in', async () => {
    const { server, store, testerSaves } = fakeDraftServer(4);
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 4), 10));
    testerSaves([scenario('after hours')]);
    act(() => result.current.change(doc('moved a node')));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(result.current.conflict).toBeNull();
    expect(server.saves).toEqual([{ base: 4, description: 'moved a node' }]);
    expect(names(result.current.document)).toEqual(['after hours']);
    expect(result.current.document.description).toBe('moved a node');
    expect(result.current.scenariosRevision).toBe(2);
    expect(server.scenarios.map((s) => s.name)).toEqual(['after hours']);
  });

  it('refreshScenarios shows scenarios saved elsewhere without a save, and keeps unsaved node edits unsaved', async () => {
    const { server, store, testerSaves } = fakeDraftServer(2);
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 2), 5_000));
    act(() => result.current.change(doc('typing')));
    testerSaves([scenario('queue full')]);
    await act(async () => result.current.refreshScenarios());
    expect(names(result.current.document)).toEqual(['queue full']);
    expect(result.current.document.description).toBe('typing');
    expect(result.current.status).toBe('unsaved');
    expect(server.saves).toEqual([]);
  });

  it('a change computed from the document before new scenarios arrived never puts the old scenarios back', async () => {
    const { server, store, testerSaves } = fakeDraftServer(1);
    const before = withScenarios(doc('a'), [scenario('old')]);
    server.scenarios = [scenario('old')];
    const { result } = renderHook(() => useDraftAutosave(store, loaded(before, 1), 10));
    const { change } = result.current;
    testerSaves([scenario('old'), scenario('new')]);
    await act(async () => {
      // The canvas emits a drag computed from the document it still shows, before it re-renders with the new one.
      await result.current.refreshScenarios().then(() => change({ ...before, description: 'moved' }));
    });
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves).toEqual([{ base: 1, description: 'moved' }]);
    expect(server.scenarios.map((s) => s.name)).toEqual(['old', 'new']);
  });

  it('scenarios changed in the editor itself (the code view) go with the node save, on their revision', async () => {
    const { server, store } = fakeDraftServer(1);
    server.scenarios = [scenario('old')];
    const { result } = renderHook(() => useDraftAutosave(store, loaded(withScenarios(doc('a'), [scenario('old')]), 1), 10));
    act(() => result.current.change(withScenarios(doc('a'), [scenario('renamed')])));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves).toEqual([{ base: 1, description: 'a', scenariosBase: 1, scenarios: ['renamed'] }]);
    expect(result.current.scenariosRevision).toBe(2);
  });

  it('a code-view scenario change made on stale scenarios is a conflict naming who saved them, never an overwrite', async () => {
    const { server, store, testerSaves } = fakeDraftServer(1);
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 1), 10));
    testerSaves([scenario('theirs')]);
    act(() => result.current.change(withScenarios(doc('a'), [scenario('mine')])));
    await waitFor(() => expect(result.current.status).toBe('conflict'));
    expect(result.current.conflict).toMatchObject({ part: 'scenarios', scenariosRevision: 2, scenariosSavedBy: { displayName: 'Tess Tester' } });
    expect(server.scenarios.map((s) => s.name)).toEqual(['theirs']);
  });

  it('"keep mine" after a node conflict saves my nodes and never deletes a scenario saved meanwhile', async () => {
    const { server, store, testerSaves } = fakeDraftServer(5);
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 4), 10));
    testerSaves([scenario('holiday'), scenario('queue full')]);
    act(() => result.current.change(doc('mine')));
    await waitFor(() => expect(result.current.status).toBe('conflict'));
    expect(result.current.conflict?.part).toBe('nodes');
    await act(async () => void (await result.current.overwriteTheirs()));
    expect(result.current.status).toBe('saved');
    expect(server.saves.at(-1)).toEqual({ base: 5, description: 'mine' });
    expect(server.document.description).toBe('mine');
    expect(server.scenarios.map((s) => s.name)).toEqual(['holiday', 'queue full']);
    expect(names(result.current.document)).toEqual(['holiday', 'queue full']);
  });

  it('"keep mine" after a scenarios conflict keeps my node edits and the scenarios stored now', async () => {
    const { server, store, testerSaves } = fakeDraftServer(1);
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 1), 10));
    testerSaves([scenario('theirs')]);
    act(() => result.current.change(withScenarios(doc('my nodes'), [])));
    act(() => result.current.change(withScenarios(doc('my nodes'), [scenario('mine')])));
    await waitFor(() => expect(result.current.status).toBe('conflict'));
    await act(async () => void (await result.current.overwriteTheirs()));
    expect(server.document.description).toBe('my nodes');
    expect(server.scenarios.map((s) => s.name)).toEqual(['theirs']);
  });

  it('when another tester saved scenarios first, says who, shows theirs and saves nothing of ours', async () => {
    const { server, store, testerSaves } = fakeDraftServer(6);
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 6), 10));
    testerSaves([scenario('theirs')]);
    let outcome: ScenarioSaveOutcome | undefined;
    await act(async () => {
      outcome = await result.current.saveScenarios([scenario('mine')]);
    });
    expect(outcome).toEqual({ saved: false, conflict: { scenariosRevision: 2, savedBy: { displayName: 'Tess Tester', email: 'tess@example.com' }, savedAt: '2026-01-05T10:01:00.000Z' } });
    expect(names(result.current.document)).toEqual(['theirs']);
    expect(result.current.conflict).toBeNull();
    expect(server.scenarios.map((s) => s.name)).toEqual(['theirs']);
  });

  it('edits made while the scenarios are on their way are saved after them, without touching them', async () => {
    const { server, store } = fakeDraftServer(1);
    let release!: () => void;
    server.hold = new Promise((resolve) => (release = resolve));
    const { result } = renderHook(() => useDraftAutosave(store, loaded(doc('a'), 1), 10));
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
    expect(server.saves).toEqual([{ base: 1, description: 'dragged' }]);
    expect(server.scenarios.map((s) => s.name)).toEqual(['queue']);
    expect(names(result.current.document)).toEqual(['queue']);
  });
});
