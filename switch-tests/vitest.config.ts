import { defineConfig } from 'vitest/config';

/**
 * The real-switch suite (`pnpm test:switch`). Deliberately not a project of the root config: `npm test` must pass
 * on a machine without FreeSWITCH. One file at a time — each file starts its own FreeSWITCH and runtime, and
 * real calls take real seconds.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
