import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const unusedMonacoLanguage = here('./src/editor/code/monaco-unused-language.ts');

/**
 * The designer's browser bundle. Monaco and its workers are bundled from node_modules (see
 * `src/editor/code/monaco-environment.ts`): the editor must work on networks without internet access.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // Monaco's entry registers the CSS, HTML and TypeScript language services; only JSON is used here.
      { find: /^\.\.?\/languages\/features\/(css|html|typescript)\/register\.js$/, replacement: unusedMonacoLanguage },
    ],
  },
  build: {
    outDir: 'dist',
    rollupOptions: {
      // The app, and the flow editor alone on example flows (no server needed; used for the canvas benchmark).
      input: { app: here('./index.html'), playground: here('./src/editor/playground/index.html') },
    },
    // Monaco alone is several megabytes; it is loaded lazily, only when a code editor opens.
    chunkSizeWarningLimit: 5000,
  },
  worker: { format: 'es' },
});
