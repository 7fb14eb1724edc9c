import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium';

/**
 * Browser specs against the real built designer and API: `global-setup.ts` builds the designer, starts the
 * server on a free port with a fresh embedded database, and stops it afterwards. Debian's Chromium is used
 * (`/usr/bin/chromium`); Playwright's own browser download is never needed.
 */
export default defineConfig({
  testDir: './specs',
  globalSetup: './support/global-setup.ts',
  // One server and one database for the run: specs run one after another.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  outputDir: '../test-results/playwright',
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['list'], ['json']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
