import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** This package's tests (also run as a project of the root config by `npm test`). */
export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // PostgreSQL for the service suites: TEST_DATABASE_URL, or an embedded server started for the run.
    globalSetup: [fileURLToPath(new URL('../prisma/src/test-postgres-setup.ts', import.meta.url))],
  },
});
