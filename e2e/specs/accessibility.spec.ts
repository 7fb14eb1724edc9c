import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../support/fixtures';

/**
 * axe-core on every page of the designer (issue 13): no serious or critical violation of WCAG 2 A/AA. Each page
 * is checked once it shows its content; a failure lists the rule, its impact and the elements it found.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 5).map((node) => node.target.join(' ')).join(' | ')}`);
}

test.describe('accessibility (axe-core)', () => {
  test('the sign-in page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('every page an admin can open', async ({ page }) => {
    await signIn(page, 'admin');
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
    };
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await check('flows');

    await page.getByRole('link', { name: 'Main menu' }).first().click();
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await check('flow editor');
    const flowUrl = new URL(page.url()).pathname;

    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    const simulator = page.getByTestId('simulator-panel');
    await simulator.getByRole('button', { name: /^(Start test call|Start again)$/ }).click();
    await expect(page.getByTestId('simulator-transcript')).not.toBeEmpty();
    await check('simulator');

    await page.getByRole('button', { name: 'Publish…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('publish dialog');
    await page.keyboard.press('Escape');

    await page.goto(`${flowUrl}/versions/1`);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await check('version');

    await page.goto(`${flowUrl}/analytics`);
    await expect(page.getByTestId('flow-analytics')).toBeVisible();
    await check('drop-off on the canvas');

    for (const [name, path, ready] of [
      ['numbers', '/numbers', 'heading'],
      ['calendars', '/calendars', 'heading'],
      ['analytics', '/analytics', 'heading'],
      ['users', '/users', 'heading'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole(ready, { level: 1 }).first()).toBeVisible();
      await check(name);
    }
    // The same pages' main one in Chinese.
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await check('flows (zh-CN)');
    expect(found).toEqual({});
  });
});
