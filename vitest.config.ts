import { defineConfig } from 'vitest/config';

/**
 * One vitest run over every package (`npm test`), so CI gets one summary. Each folder is a project (with its
 * own vitest config when it has one); each package keeps its own `vitest run` for quick local runs.
 */
export default defineConfig({
  test: {
    projects: ['flows', 'runtime', 'esl-emulator', 'prisma', 'designer'],
  },
});
