import type { Page } from '@playwright/test';
import { node } from './canvas';
import { expect } from './fixtures';

/**
 * Creates a flow from the flows list ("New flow" dialog), blank or from an example, and waits until the editor
 * shows `firstNode` on the canvas. Returns the flow page's path, for later steps to open it again.
 */
export async function createFlow(page: Page, name: string, options: { example?: string; firstNode?: string } = {}): Promise<string> {
  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  if (options.example) await page.getByRole('dialog').getByLabel('Start from').selectOption({ label: `Example: ${options.example}` });
  await page.getByRole('button', { name: 'Create and open' }).click();
  await expect(node(page, options.firstNode ?? 'start')).toBeVisible();
  return new URL(page.url()).pathname;
}
