/** Editor commands reachable from the keyboard. */
export type ShortcutCommand = 'undo' | 'redo' | 'copy' | 'paste' | 'selectAll' | 'delete';

/** The parts of a keyboard event the canvas's key handling reads. */
export interface KeyInfo {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The command for a key press: Delete/Backspace, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z or Ctrl+Y, Ctrl/Cmd+C/V/A.
 * Null for anything else.
 */
export function shortcutFor(event: KeyInfo): ShortcutCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey) return null;
  if (!mod) return event.key === 'Delete' || event.key === 'Backspace' ? 'delete' : null;
  switch (event.key.toLowerCase()) {
    case 'z':
      return event.shiftKey ? 'redo' : 'undo';
    case 'y':
      return event.shiftKey ? null : 'redo';
    case 'c':
      return event.shiftKey ? null : 'copy';
    case 'v':
      return event.shiftKey ? null : 'paste';
    case 'a':
      return event.shiftKey ? null : 'selectAll';
    default:
      return null;
  }
}

/** Key presses inside text fields and code editors belong to them, not to the canvas. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.monaco-editor')) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
