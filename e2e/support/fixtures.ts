import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { emailOf, PASSWORDS, type Role } from './server';

/** Signs in through the login page and waits for the header to show who is signed in. */
export async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(emailOf(role));
  await page.getByLabel('Password').fill(PASSWORDS[role]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('role-badge')).toBeVisible();
}

/** A page in its own browser context (own cookies) signed in as `role`. */
export async function pageAs(browser: Browser, baseURL: string, role: Role): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

export const test = base.extend<{ baseURL: string }>({
  // The server's address is only known once global setup has started it.
  baseURL: async ({}, use) => {
    const url = process.env.SWITCHBOARD_E2E_URL;
    if (!url) throw new Error('SWITCHBOARD_E2E_URL is not set: run the specs through playwright.config.ts (global setup)');
    await use(url);
  },
});

export { expect };
