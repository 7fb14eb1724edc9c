import type { Page } from '@playwright/test';
import { connect, edge, expectSaved, node, tidyCanvas } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

/** Drags a connection out of `from`'s outlet and lets go on empty canvas, `dx`/`dy` pixels from the handle. */
async function dropConnection(page: Page, from: string, outlet: string, dx: number, dy: number): Promise<void> {
  const handle = await page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${outlet}"]`).boundingBox();
  if (!handle) throw new Error(`handle not on screen: ${from}.${outlet}`);
  const x = handle.x + handle.width / 2;
  const y = handle.y + handle.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

/**
 * Issue 13, faster building: the next step picked where a connection is dropped, a variable declared from the field
 * that needs it, a branch duplicated, and templates inserted from the palette — each clicked through in the real UI.
 */
test('an editor builds with the next-step picker, an inline variable, a duplicated branch and templates', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL, 'editor');
  await createFlow(page, 'E2E faster building');
  const picker = page.getByRole('dialog', { name: 'Add the next step' });
  const search = picker.getByRole('combobox', { name: 'Find a step type' });

  // 1. A connection dropped on empty canvas: pick the next step; it arrives connected; one undo removes both.
  await dropConnection(page, 'start', 'next', 260, 40);
  await expect(picker).toContainText('Next');
  await expect(search).toBeFocused();
  await search.fill('collect');
  await search.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(node(page, 'collectDigits_1')).toBeVisible();
  await expect(edge(page, 'start', 'collectDigits_1')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'collectDigits_1')).toHaveCount(0);
  await expect(edge(page, 'start', 'collectDigits_1')).toHaveCount(0);
  // Escape cancels without adding anything; a click on an option adds it.
  await dropConnection(page, 'start', 'next', 260, 40);
  await search.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await dropConnection(page, 'start', 'next', 260, 40);
  await search.fill('digits');
  await picker.getByRole('option', { name: /^Collect digits/ }).click();
  await expect(edge(page, 'start', 'collectDigits_1')).toHaveCount(1);
  await expect(node(page, 'collectDigits_1')).toHaveClass(/is-selected/);

  // 2. "New variable…" in the step's variable field: a bad name is explained, a good one is declared and chosen.
  const form = page.getByRole('form', { name: 'Settings of collectDigits_1' });
  await form.getByLabel('Variable', { exact: true }).selectOption({ label: 'New variable…' });
  const newVariable = form.getByRole('group', { name: 'New variable: Variable' });
  await expect(newVariable.getByLabel('Type')).toHaveValue('string');
  await newVariable.getByLabel('Variable name').fill('Order number');
  await newVariable.getByLabel('Variable name').press('Enter');
  await expect(newVariable.getByRole('alert')).toContainText('“Order number” cannot be a variable name');
  await newVariable.getByLabel('Variable name').fill('order_number');
  await newVariable.getByRole('button', { name: 'Create' }).click();
  await expect(form.getByLabel('Variable', { exact: true })).toHaveValue('order_number');
  await expect(form.getByLabel('Variable', { exact: true }).locator('option:checked')).toHaveText('order_number (Text)');

  // 4. Templates: a click inserts one in the middle of the view, selected; a drag puts one where it is dropped.
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /^Queue with callback overflow/ }).click();
  for (const id of ['queue_1', 'callback_1', 'hangup_1']) await expect(node(page, id)).toHaveClass(/is-selected/);
  await expect(node(page, 'queue_1')).toContainText('Waiting queue');
  await expect(edge(page, 'queue_1', 'callback_1')).not.toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /^Language selection/ })
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 200, y: 420 } });
  await expect(node(page, 'menu_1')).toBeVisible();
  await expect(node(page, 'menu_1')).toContainText('Choose a language');
  await expect(edge(page, 'menu_1', 'setVariable_1')).not.toHaveCount(0);

  // 3. Duplicate a branch: the queue and its callback are copied; the goodbye, which the digits step also uses, is shared.
  await tidyCanvas(page);
  await connect(page, 'collectDigits_1', 'failed', 'hangup_1');
  await node(page, 'queue_1').click();
  await page.getByRole('button', { name: 'Duplicate branch' }).click();
  await expect(node(page, 'queue_2')).toHaveClass(/is-selected/);
  await expect(node(page, 'callback_2')).toHaveClass(/is-selected/);
  await expect(node(page, 'hangup_2')).toHaveCount(0);
  await expect(edge(page, 'queue_2', 'callback_2')).not.toHaveCount(0);
  await expect(edge(page, 'callback_2', 'hangup_1')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'queue_2')).toHaveCount(0);
  await expect(node(page, 'callback_2')).toHaveCount(0);

  // Everything built here is a valid flow document: the server saves it.
  await expectSaved(page);
  await page.context().close();
});
