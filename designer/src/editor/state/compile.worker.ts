/// <reference lib="webworker" />
import type { FlowDocument } from '@switchboard/flows';
import { compileForEditor } from './flow-compilation';

/** Compiles large flows for the editor off the main thread (see `compile-off-main-thread.ts`). */
self.onmessage = (event: MessageEvent<{ id: number; document: FlowDocument }>) => {
  const { id, document } = event.data;
  try {
    self.postMessage({ id, compilation: compileForEditor(document) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
