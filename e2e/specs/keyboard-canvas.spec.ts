import type { Locator } from '@playwright/test';
import { edge, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

/** Where React Flow draws a node: its `translate(x, y)`. */
async function placeOf(box: Locator): Promise<{ x: number; y: number }> {
  const transform = await box.evaluate((element) => (element as HTMLElement).style.transform);
  const match = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec(transform);
  if (!match) throw new Error(`no position in "${transform}"`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

/**
 * Issue 13: a flow built with the keyboard alone — add a step from the palette, connect Start to it, move it,
 * name it in the inspector, and delete the connection again.
 */
test('an editor builds a tiny flow with the keyboard only', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL, 'editor');
  await createFlow(page, 'Keyboard only');
  const stepBox = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

  // Add: Enter on a palette item adds the step and puts the focus on it.
  await page.locator('.sb-palette__item', { hasText: /^Announcement/ }).focus();
  await page.keyboard.press('Enter');
  await expect(node(page, 'announcement_1')).toBeVisible();
  await expect(stepBox('announcement_1')).toBeFocused();
  await expect(stepBox('announcement_1')).toHaveAttribute('aria-label', 'Announcement announcement_1 step');
  // The focus ring is drawn.
  expect(await stepBox('announcement_1').locator('.sb-node').evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');

  // Connect: back to Start's outlet, Enter opens the connect dialog with the new step suggested.
  await page.keyboard.press('Shift+Tab');
  const startOutlet = page.locator('.react-flow__handle.source[data-nodeid="start"][data-handleid="next"]');
  await expect(startOutlet).toBeFocused();
  await expect(startOutlet).toHaveAttribute('aria-label', 'Outlet “Next” of Start: press Enter to connect it');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Connect “Start”' });
  await expect(dialog.getByRole('combobox', { name: 'Leads to' })).toHaveValue('announcement_1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Connect', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(edge(page, 'start', 'announcement_1')).toHaveCount(1);
  await expect(startOutlet).toBeFocused();

  // Move: Tab to the step, Space selects it, arrows move it — one undo step for the whole burst.
  await page.keyboard.press('Tab');
  await expect(stepBox('announcement_1')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(node(page, 'announcement_1')).toHaveClass(/is-selected/);
  const before = await placeOf(stepBox('announcement_1'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => placeOf(stepBox('announcement_1'))).toEqual({ x: before.x + 30, y: before.y + 50 });
  await page.keyboard.press('Control+z');
  await expect.poll(() => placeOf(stepBox('announcement_1'))).toEqual(before);
  await expect(edge(page, 'start', 'announcement_1')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => placeOf(stepBox('announcement_1'))).toEqual({ x: before.x + 30, y: before.y + 50 });

  // Open: Enter goes to the inspector's first field; Escape comes back to the step.
  await page.keyboard.press('Enter');
  const name = page.getByLabel('Name on the canvas');
  await expect(name).toBeFocused();
  await page.keyboard.type('Welcome');
  await expect(node(page, 'announcement_1')).toContainText('Welcome');
  await page.keyboard.press('Escape');
  await expect(stepBox('announcement_1')).toBeFocused();
  await expect(stepBox('announcement_1')).toHaveAttribute('aria-label', /^Welcome, Announcement step(, 1 (error|warning))?$/);

  // Delete the connection: Shift+Tab back past Start to the connection, Enter selects it, Delete removes it.
  const connection = edge(page, 'start', 'announcement_1');
  await expect(connection).toHaveAttribute('aria-label', 'Connection Start › Next → Welcome');
  for (let i = 0; i < 5 && !(await connection.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await expect(connection).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(edge(page, 'start', 'announcement_1')).toHaveCount(0);
  await expect(node(page, 'announcement_1')).toBeVisible();

  // The keys are listed in the shortcut overlay.
  await stepBox('start').focus();
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Connect an outlet of the focused step to another step');
  await page.context().close();
});
