import { useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { FlowDocument } from '@switchboard/flows';
import { PendingEdits, type PendingEdit } from './pending-edits';

/** How long typing must pause before the inspector's edits reach the document (and the canvas). */
export const TYPING_PAUSE_MS = 300;

/**
 * The editor's {@link PendingEdits}: keystrokes of the inspector wait here and are committed through `commit`
 * after a {@link TYPING_PAUSE_MS} pause, when the page is hidden, and when the editor closes. The editor flushes
 * them itself before every other edit, undo/redo and selection or view change.
 */
export function usePendingEdits(commit: (edit: PendingEdit) => void): PendingEdits {
  const commitRef = useRef(commit);
  useLayoutEffect(() => {
    commitRef.current = commit;
  });
  const pending = useMemo(() => new PendingEdits((edit) => commitRef.current(edit)), []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = pending.subscribe(() => {
      clearTimeout(timer);
      if (pending.size > 0) timer = setTimeout(() => pending.flush(), TYPING_PAUSE_MS);
    });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') pending.flush();
    };
    const onPageHide = () => pending.flush();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      pending.flush();
    };
  }, [pending]);
  return pending;
}

/** `document` as the inspector shows it: with the edits not yet committed. Re-renders only its caller per key. */
export function usePendingDocument(pending: PendingEdits | undefined, document: FlowDocument): FlowDocument {
  const edits = useSyncExternalStore(pending?.subscribe ?? noSubscription, pending?.snapshot ?? noEdits);
  return useMemo(() => (pending && edits.length > 0 ? pending.applyTo(document) : document), [document, edits, pending]);
}

const none: readonly PendingEdit[] = [];
const noEdits = () => none;
const noSubscription = () => () => undefined;
