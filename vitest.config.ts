import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (dir: string) => fileURLToPath(new URL(`./${dir}`, import.meta.url));

/**
 * One vitest run over every package (`npm test`), so CI gets one summary. Each folder is a project with its
 * own vitest config; inside a package, `vitest run` finds that package's config and runs only its tests.
 */
export default defineConfig({
  test: {
    projects: ['flows', 'runtime', 'esl-emulator', 'prisma', 'designer', 'scripts'].map(here),
  },
});
