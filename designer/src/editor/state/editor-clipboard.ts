import type { ClipboardContent } from './clipboard';

/**
 * The editor's clipboard, shared by every editor on the page so nodes copied from one flow (or an old
 * version opened read-only) can be pasted into another. `pastes` counts pastes since the copy, so repeated
 * pastes cascade instead of stacking on one spot.
 */
export const editorClipboard: { content: ClipboardContent | null; pastes: number } = { content: null, pastes: 0 };
