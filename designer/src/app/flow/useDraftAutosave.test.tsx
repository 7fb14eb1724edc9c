import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doc, fakeDraftServer as fakeServer } from '../test/fake-draft-server';
import type { DraftStore } from './draft-store';
import { useDraftAutosave } from './useDraftAutosave';

describe('automatic draft saving', () => {
  it('saves a pause after the last edit, on top of the revision the editor started from', async () => {
    const { server, store } = fakeServer(3);
    const { result } = renderHook(() => useDraftAutosave(store, { document: doc('a'), revision: 3, scenariosRevision: 1 }, 20));
    act(() => result.current.change(doc('b')));
    act(() => result.current.change(doc('c')));
    expect(result.current.status).toBe('unsaved');
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves).toEqual([{ base: 3, description: 'c' }]);
    expect(result.current.revision).toBe(4);
  });

  it('saves edits made while a save is on its way right after it, with the new revision', async () => {
    const { server, store } = fakeServer(1);
    let release!: () => void;
    server.hold = new Promise((resolve) => (release = resolve));
    const { result } = renderHook(() => useDraftAutosave(store, { document: doc('a'), revision: 1, scenariosRevision: 1 }, 10));
    act(() => result.current.change(doc('first')));
    await waitFor(() => expect(result.current.status).toBe('saving'));
    act(() => result.current.change(doc('second')));
    server.hold = null;
    release();
    await waitFor(() => expect(server.saves).toHaveLength(2));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves).toEqual([
      { base: 1, description: 'first' },
      { base: 2, description: 'second' },
    ]);
  });

  it('stops on a conflict, says who saved, and never overwrites unless asked', async () => {
    const { server, store } = fakeServer(5);
    const { result } = renderHook(() => useDraftAutosave(store, { document: doc('a'), revision: 4, scenariosRevision: 1 }, 10));
    act(() => result.current.change(doc('mine')));
    await waitFor(() => expect(result.current.status).toBe('conflict'));
    expect(result.current.conflict?.savedBy?.displayName).toBe('Sam Other');
    expect(result.current.conflict?.revision).toBe(5);
    act(() => result.current.change(doc('mine, more')));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(server.saves).toHaveLength(1);
    expect(server.document.description).toBe('server');

    let revision: number | null = null;
    await act(async () => {
      revision = await result.current.overwriteTheirs();
    });
    expect(revision).toBe(6);
    expect(server.saves.at(-1)).toEqual({ base: 5, description: 'mine, more' });
    expect(result.current.status).toBe('saved');
  });

  it('loading their version drops unsaved edits and continues from their revision', async () => {
    const { server, store } = fakeServer(8);
    const { result } = renderHook(() => useDraftAutosave(store, { document: doc('a'), revision: 7, scenariosRevision: 1 }, 10));
    act(() => result.current.change(doc('mine')));
    await waitFor(() => expect(result.current.status).toBe('conflict'));
    act(() => result.current.loadTheirs());
    expect(result.current.document.description).toBe('server');
    expect(result.current.status).toBe('saved');
    act(() => result.current.change(doc('next')));
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves.at(-1)).toEqual({ base: 8, description: 'next' });
  });

  it('reports a failed save and saves again on retry', async () => {
    const { server, store } = fakeServer(1);
    let fail = true;
    const flaky: DraftStore = { ...store, save: (base, d, s) => (fail ? Promise.reject(new Error('network down')) : store.save(base, d, s)) };
    const { result } = renderHook(() => useDraftAutosave(flaky, { document: doc('a'), revision: 1, scenariosRevision: 1 }, 10));
    act(() => result.current.change(doc('b')));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect((result.current.error as Error).message).toBe('network down');
    fail = false;
    await act(async () => {
      await result.current.flush();
    });
    expect(result.current.status).toBe('saved');
    expect(server.document.description).toBe('b');
  });
});
