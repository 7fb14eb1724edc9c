import type { FlowDocument } from '@switchboard/flows';
import { compileForEditor, type FlowCompilation } from './flow-compilation';

/** From this many nodes the editor compiles in a worker: compile + lint of 2,000 nodes takes ~100 ms. */
export const COMPILE_OFF_MAIN_THREAD_FROM = 300;

type Answer = { id: number; compilation: FlowCompilation } | { id: number; error: string };

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { document: FlowDocument; resolve(compilation: FlowCompilation): void }>();

function compilerWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    worker = new Worker(new URL('./compile.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return (worker = null);
  }
  worker.onmessage = (event: MessageEvent<Answer>) => {
    const request = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    if (!request) return;
    // A document the worker could not handle is compiled here, where the error shows as it always did.
    request.resolve('compilation' in event.data ? event.data.compilation : compileForEditor(request.document));
  };
  worker.onerror = () => {
    // The worker could not start (or died): compile what it still owed here, and from now on always here.
    worker?.terminate();
    worker = null;
    for (const [id, request] of waiting) {
      waiting.delete(id);
      request.resolve(compileForEditor(request.document));
    }
  };
  return worker;
}

/**
 * Whether documents this large are compiled off the main thread here (not in tests' jsdom, which has no workers).
 */
export function compilesOffMainThread(document: FlowDocument): boolean {
  return document.nodes.length >= COMPILE_OFF_MAIN_THREAD_FROM && compilerWorker() !== null;
}

/** The editor's compilation of `document`, computed in the shared compiler worker (or here if there is none). */
export function compileOffMainThread(document: FlowDocument): Promise<FlowCompilation> {
  const compiler = compilerWorker();
  if (!compiler) return Promise.resolve(compileForEditor(document));
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, { document, resolve });
    compiler.postMessage({ id, document });
  });
}
