import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/**
 * Monaco's web workers, bundled by Vite from node_modules (`?worker`), never fetched from a CDN: the designer
 * runs on networks without internet access. Only the JSON language service and the base editor worker are used.
 */
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};
