import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { helpKeyFor } from './canvas-shortcuts';

/**
 * The step search and the shortcut overlay, as the editor hooks them in: `?` opens the overlay, `/` focuses the
 * search. `onKey` says whether it handled the key press (then the editor's own shortcuts skip it).
 */
export function useCanvasHelp() {
  const searchInput = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const onKey = useCallback((event: KeyboardEvent): boolean => {
    const key = helpKeyFor(event);
    if (!key) return false;
    event.preventDefault();
    if (key === 'help') setHelpOpen(true);
    else searchInput.current?.focus();
    return true;
  }, []);
  return { searchInput, helpOpen, closeHelp, onKey };
}
