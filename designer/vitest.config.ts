import { defineConfig } from 'vitest/config';

/** This package's tests (also run as a project of the root config by `npm test`). */
export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
