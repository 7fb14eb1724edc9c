import type { ShortcutCommand } from '../canvas/shortcuts';

/** Operating the canvas itself from the keyboard (`keyboard/keyboard-commands.ts`). */
export const KEYBOARD_CANVAS_ACTIONS = ['nextStep', 'nearestStep', 'selectStep', 'moveStep', 'moveStepFar', 'openStep', 'backToStep', 'connect', 'connectOutlet'] as const;
export type KeyboardCanvasAction = (typeof KEYBOARD_CANVAS_ACTIONS)[number];

/** A key press the help overlay lists: the keys as written on a keyboard, and what they do. */
export interface ShortcutEntry {
  /** Keys in the order they are held, `Mod` meaning Ctrl (⌘ on a Mac). */
  keys: readonly string[];
  /** What it does (translated as `shortcuts.actions.<id>`). */
  id: ShortcutCommand | 'help' | 'find' | 'dismiss' | KeyboardCanvasAction;
}

/**
 * The canvas's keyboard shortcuts, as the help overlay lists them. The editing ones are the commands of
 * `shortcutFor` (a test keeps the two in step); `?` and `/` are this overlay and the step search.
 */
export const CANVAS_SHORTCUTS: readonly ShortcutEntry[] = [
  { keys: ['Mod', 'Z'], id: 'undo' },
  { keys: ['Mod', 'Shift', 'Z'], id: 'redo' },
  { keys: ['Mod', 'Y'], id: 'redo' },
  { keys: ['Mod', 'C'], id: 'copy' },
  { keys: ['Mod', 'V'], id: 'paste' },
  { keys: ['Mod', 'A'], id: 'selectAll' },
  { keys: ['Delete'], id: 'delete' },
  { keys: ['Backspace'], id: 'delete' },
  { keys: ['Tab'], id: 'nextStep' },
  { keys: ['Alt', 'Arrows'], id: 'nearestStep' },
  { keys: ['Space'], id: 'selectStep' },
  { keys: ['Arrows'], id: 'moveStep' },
  { keys: ['Shift', 'Arrows'], id: 'moveStepFar' },
  { keys: ['Enter'], id: 'openStep' },
  { keys: ['Escape'], id: 'backToStep' },
  { keys: ['C'], id: 'connect' },
  { keys: ['Enter'], id: 'connectOutlet' },
  { keys: ['/'], id: 'find' },
  { keys: ['?'], id: 'help' },
  { keys: ['Escape'], id: 'dismiss' },
];

/** The overlay's own keys, pressed on the canvas (not in a text field): `?` opens the help, `/` the step search. */
export function helpKeyFor(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): 'help' | 'find' | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === '?') return 'help';
  if (event.key === '/') return 'find';
  return null;
}
