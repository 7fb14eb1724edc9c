import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { doc, fakeDraftServer } from '../test/fake-draft-server';
import { browserUnsavedBackup } from './unsaved-backup';
import { useDraftAutosave } from './useDraftAutosave';

// Leaving the page inside the autosave pause used to lose the last edits (only the browser's "leave site?" prompt
// stood in the way). These check that they are saved at once, kept in the browser until saved, and restored.

const HOUR = 60 * 60 * 1000;

beforeEach(() => localStorage.clear());

const hidePage = () =>
  act(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

describe('leaving the page with unsaved edits', () => {
  it('saves them when the page is hidden instead of waiting for the pause, and keeps no copy once saved', async () => {
    const { server, store } = fakeDraftServer(3);
    const backup = browserUnsavedBackup('flow-1');
    const { result } = renderHook(() => useDraftAutosave(store, { document: doc('a'), revision: 3, scenariosRevision: 1 }, HOUR, backup));
    act(() => result.current.change(doc('typed just now')));
    hidePage();
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(server.saves).toEqual([{ base: 3, description: 'typed just now' }]);
    expect(backup.read()).toBeNull();
  });

  it('keeps them in the browser when the save cannot finish, and the next visit restores and saves them', async () => {
    const { server, store } = fakeDraftServer(3);
    server.hold = new Promise(() => undefined); // the page is gone before the server answers
    const backup = browserUnsavedBackup('flow-1');
    const first = renderHook(() => useDraftAutosave(store, { document: doc('a'), revision: 3, scenariosRevision: 1 }, HOUR, backup));
    act(() => first.result.current.change(doc('last words')));
    act(() => void window.dispatchEvent(new Event('pagehide')));
    expect(backup.read()).toMatchObject({ baseRevision: 3, document: { description: 'last words' } });
    first.unmount();

    const next = fakeDraftServer(3);
    const { result } = renderHook(() => useDraftAutosave(next.store, { document: doc('a'), revision: 3, scenariosRevision: 1 }, 10, backup));
    expect(result.current.document.description).toBe('last words');
    expect(result.current.restored?.document.description).toBe('last words');
    expect(result.current.status).toBe('unsaved');
    await waitFor(() => expect(result.current.status).toBe('saved'));
    expect(next.server.saves).toEqual([{ base: 3, description: 'last words' }]);
    expect(backup.read()).toBeNull();
  });

  it('keeps a copy as soon as a save fails, following every edit while saving fails, and drops it once one lands', async () => {
    const { store } = fakeDraftServer(3);
    let offline = true;
    const failing = { ...store, save: (...args: Parameters<typeof store.save>) => (offline ? Promise.reject(new Error('offline')) : store.save(...args)) };
    const backup = browserUnsavedBackup('flow-1');
    const { result } = renderHook(() => useDraftAutosave(failing, { document: doc('a'), revision: 3, scenariosRevision: 1 }, 10, backup));
    act(() => result.current.change(doc('first')));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(backup.read()).toMatchObject({ baseRevision: 3, document: { description: 'first' } });
    act(() => result.current.change(doc('second')));
    expect(backup.read()?.document.description).toBe('second');
    offline = false;
    await act(async () => void (await result.current.flush()));
    expect(result.current.status).toBe('saved');
    expect(backup.read()).toBeNull();
  });

  it('drops the copy when the save reached the server after all', () => {
    const backup = browserUnsavedBackup('flow-1');
    backup.write({ baseRevision: 3, document: doc('landed'), at: '2026-12-05T10:00:00.000Z' });
    const { store } = fakeDraftServer(4);
    const { result } = renderHook(() => useDraftAutosave(store, { document: doc('landed'), revision: 4, scenariosRevision: 1 }, 10, backup));
    expect(result.current.restored).toBeNull();
    expect(result.current.status).toBe('saved');
    expect(backup.read()).toBeNull();
  });

  it('meets a newer save as a conflict: nothing is overwritten until the user chooses, and taking theirs drops the copy', () => {
    const backup = browserUnsavedBackup('flow-1');
    backup.write({ baseRevision: 3, document: doc('mine'), at: '2026-12-05T10:00:00.000Z' });
    const { server, store } = fakeDraftServer(5);
    const savedBy = { displayName: 'Sam Other', email: 'sam@example.com' };
    const { result } = renderHook(() => useDraftAutosave(store, { document: doc('theirs'), revision: 5, scenariosRevision: 1, savedBy, savedAt: '2026-12-05T11:00:00.000Z' }, 10, backup));
    expect(result.current.document.description).toBe('mine');
    expect(result.current.status).toBe('conflict');
    expect(result.current.conflict).toMatchObject({ revision: 5, savedBy, document: { description: 'theirs' } });
    expect(server.saves).toEqual([]);
    act(() => result.current.loadTheirs());
    expect(result.current.document.description).toBe('theirs');
    expect(backup.read()).toBeNull();
  });

  it('reads storage it cannot parse, or a full one, as no copy', () => {
    localStorage.setItem('switchboard.unsaved.flow-1', '{not json');
    expect(browserUnsavedBackup('flow-1').read()).toBeNull();
    const full = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem: () => undefined } as unknown as Storage;
    expect(() => browserUnsavedBackup('flow-1', full).write({ baseRevision: 1, document: doc('x'), at: '' })).not.toThrow();
  });
});
