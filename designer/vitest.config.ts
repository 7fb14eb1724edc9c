import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * This package's tests (also run as a project of the root config by `npm test`). The API server's tests
 * (`server/**`) run on Node; the editor's component tests (`src/**`) run in jsdom.
 */
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  resolve: {
    // Monaco cannot run in jsdom: tests get a stand-in that never finishes loading, so the editor shows its
    // plain text editors, as it does while Monaco loads.
    alias: [{ find: /^monaco-editor(\/.*)?$/, replacement: here('./src/test/monaco-unavailable.ts') }],
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environmentMatchGlobs: [['src/**', './src/test/jsdom-environment.ts']],
    setupFiles: [here('./src/test/setup.ts')],
    // PostgreSQL for the API suites: TEST_DATABASE_URL, or an embedded server started for the run.
    globalSetup: [here('../prisma/src/test-postgres-setup.ts')],
    // Component tests render the whole editor; give them room on a loaded CI machine.
    testTimeout: 30_000,
  },
});
