import { defineConfig } from 'vitest/config';

/** Tests of the root scripts (`pnpm start`'s serve, demo calls); also a project of the root config (`npm test`). */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
