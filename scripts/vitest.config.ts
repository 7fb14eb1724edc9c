import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Tests of the root scripts (`pnpm start`'s serve, demo calls); also a project of the root config (`npm test`). */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PostgreSQL for the per-role test (TEST_DATABASE_URL, or an embedded one started for the run).
    globalSetup: [fileURLToPath(new URL('../prisma/src/test-postgres-setup.ts', import.meta.url))],
  },
});
