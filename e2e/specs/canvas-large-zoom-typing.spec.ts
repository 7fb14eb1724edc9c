import type { Page } from '@playwright/test';
import type { FlowDocument } from '@switchboard/flows';
import { contactCentreFlow } from '../../designer/src/editor/examples/contact-centre-flow';
import { node, waitForStillCanvas } from '../support/canvas';
import { expectEdgesOfNodesOnScreen, importLargeFlow, nodesOnScreen } from '../support/canvas-large';
import { expect, pageAs, test } from '../support/fixtures';

/**
 * Issue 14, the second half: a wheel zoom re-culls edges off the critical path, and on a large flow the inspector's
 * keystrokes reach the document after a pause in typing (`PendingEdits`). Nothing a user sees or types may be lost:
 * edges with an end on screen are drawn after zooming out and in, and text typed quickly is on the canvas, in the
 * undo history and in the saved draft even when the user moves on at once.
 */
const SIZE = 600;
const FLOW = 'E2E large flow zoom and typing';
const flowDocument = (): FlowDocument => ({ ...contactCentreFlow(SIZE), name: FLOW });

async function wheelAtCentre(page: Page, notches: number, deltaY: number): Promise<void> {
  const centre = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    return { x: r.x + r.width / 2 - 150, y: r.y + r.height / 2 };
  });
  await page.mouse.move(centre.x, centre.y);
  // One notch per call without waiting for the canvas, as a fast wheel sends them.
  for (let i = 0; i < notches; i++) await page.mouse.wheel(0, deltaY);
  await waitForStillCanvas(page);
}

const title = (page: Page, id: string) => node(page, id).locator('.sb-node__title');
const nameField = (page: Page) => page.getByLabel('Name on the canvas');

test.describe.serial('a large flow: zooming and typing lose nothing', () => {
  let flowId = '';

  test('an admin imports a 600-node contact-centre flow', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'admin');
    flowId = await importLargeFlow(page, flowDocument());
    await page.context().close();
  });

  test('after a fast wheel zoom out and back in, every edge with an end on screen is drawn', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(`/flows/${flowId}`);
    await expect(node(page, 'main')).toBeVisible();
    const before = (await nodesOnScreen(page)).length;

    // Five notches: half the zoom, two zoom steps of the culling, still above the overview.
    await wheelAtCentre(page, 5, 100);
    await expect(page.getByTestId('canvas-overview')).toHaveCount(0);
    // Zoomed out: many more steps on screen, each with its edges.
    expect((await nodesOnScreen(page)).length).toBeGreaterThan(before * 2);
    await expectEdgesOfNodesOnScreen(page, flowDocument());

    await wheelAtCentre(page, 5, -100);
    await expectEdgesOfNodesOnScreen(page, flowDocument());
    await page.context().close();
  });

  test('far out the whole flow is one overview; zooming in brings the steps, their edges and the selection back', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(`/flows/${flowId}`);
    await node(page, 'dept_0').locator('header').click();
    await expect(page.locator('.sb-inspector__id')).toContainText('dept_0');

    // Down to zoom 0.1 (a notch is a factor of 2^0.2): under the overview's 0.12, above React Flow's minimum of
    // 0.05, so the same notches back lead to the same view.
    const zoom = await page.locator('.react-flow__viewport').evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
    const notches = Math.ceil(Math.log2(zoom / 0.1) / 0.2);
    await wheelAtCentre(page, notches, 100);
    const overview = page.getByTestId('canvas-overview');
    await expect(overview).toHaveAttribute('data-nodes', String(flowDocument().nodes.length));
    await expect(overview).toHaveAttribute('data-edges', String(flowDocument().edges.length));
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await expect(page.locator('.sb-inspector__id')).toContainText('dept_0');

    await wheelAtCentre(page, notches, -100);
    await expect(overview).toHaveCount(0);
    await expectEdgesOfNodesOnScreen(page, flowDocument());
    await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('data-id', 'dept_0');
    await page.context().close();
  });

  test('a name typed fast is on the canvas when another step is selected at once, and undo and redo take it as one step', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(`/flows/${flowId}`);
    await node(page, 'dept_0').locator('header').click();
    await expect(nameField(page)).toHaveValue('');
    await nameField(page).pressSequentially('Billing desk');
    await expect(nameField(page)).toHaveValue('Billing desk');
    // At once, well inside the pause after which typing is committed.
    await node(page, 'main').locator('header').click();
    // Read once, not polled: the selection change itself commits it (a retried check would also pass after the pause).
    expect(await title(page, 'dept_0').textContent()).toBe('Billing desk');

    await node(page, 'dept_0').locator('header').click();
    await expect(nameField(page)).toHaveValue('Billing desk');

    // Undo straight after typing more: what was typed is committed first, then undone (with the rest of the name
    // when it was typed within the undo merge window: one field, one step), and redo brings all of it back.
    await nameField(page).press('End');
    await nameField(page).pressSequentially(' team');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(title(page, 'dept_0')).toHaveText(/^(Billing desk|Menu)$/);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(title(page, 'dept_0')).toHaveText('Billing desk team');
    await expect(nameField(page)).toHaveValue('Billing desk team');
    await page.context().close();
  });

  test('a name typed fast reaches the canvas after a pause, and the saved draft', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(`/flows/${flowId}`);
    await node(page, 'main').locator('header').click();
    await nameField(page).pressSequentially('Sales');
    // Nothing else happens: the pause alone commits it.
    await expect(title(page, 'main')).toHaveText('Sales');
    await expect(page.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'saved');
    await page.reload();
    await expect(title(page, 'main')).toHaveText('Sales');
    await page.context().close();
  });
});
