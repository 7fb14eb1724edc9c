import { expect, type Locator, type Page } from '@playwright/test';

/** The canvas node with this id. */
export const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);

/** The edge (connection) from `from` to `to`, by the step ids the canvas puts on it (its label names the steps). */
export const edge = (page: Page, from: string, to: string): Locator => page.locator(`.react-flow__edge[data-source="${from}"][data-target="${to}"]`);

/** Drags a step from the palette (by its title) onto the canvas at (x, y) within the canvas, and waits for the node. */
export async function dropFromPalette(page: Page, title: string, x: number, y: number, expectedId: string): Promise<void> {
  const item = page.locator('.sb-palette__item').filter({ has: page.locator('.sb-palette__item-title', { hasText: new RegExp(`^${title}$`) }) });
  await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
  await expect(node(page, expectedId)).toBeVisible();
}

/** Connects `outlet` of node `from` to node `to` by dragging from handle to handle, and waits for the edge. */
export async function connect(page: Page, from: string, outlet: string, to: string): Promise<void> {
  const source = page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${outlet}"]`);
  const target = page.locator(`.react-flow__handle.target[data-nodeid="${to}"]`);
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`handle not on screen: ${from}.${outlet} → ${to}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(edge(page, from, to)).not.toHaveCount(0);
}

/** Waits until the canvas stops moving (fit-view and layout animate for a moment). */
export async function waitForStillCanvas(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(async () => {
      const now = (await viewport.getAttribute('style')) ?? '';
      const still = now === last;
      last = now;
      return still;
    }, { intervals: [150] })
    .toBe(true);
}

/**
 * Tidies the canvas (auto-layout) and fits it to the screen, with the problems list folded, so every handle is
 * visible and nothing overlaps before connecting by drag.
 */
export async function tidyCanvas(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tidy layout' }).click();
  await expect(page.getByRole('button', { name: 'Tidy layout' })).toBeEnabled();
  const problems = page.getByRole('region', { name: 'Problems' }).getByRole('button').first();
  if ((await problems.getAttribute('aria-expanded')) === 'true') await problems.click();
  // The minimap sits over the canvas corner; connecting is done on the canvas itself.
  await page.addStyleTag({ content: '.react-flow__minimap { display: none; }' });
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await waitForStillCanvas(page);
}

/** Unfolds the problems list under the canvas. */
export async function showProblems(page: Page): Promise<void> {
  const problems = page.getByRole('region', { name: 'Problems' }).getByRole('button').first();
  if ((await problems.getAttribute('aria-expanded')) === 'false') await problems.click();
}

/** Waits until the draft on the server holds what the editor shows. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'saved');
}
