import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium, as CI installs it (`apt-get install chromium`); override with SWITCHBOARD_CHROMIUM. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};
