import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // PostgreSQL for the suites: TEST_DATABASE_URL, or an embedded server started for the run.
    globalSetup: [fileURLToPath(new URL("./src/test-postgres-setup.ts", import.meta.url))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
