import type { Page } from '@playwright/test';
import type { FlowDocument } from '@switchboard/flows';
import { contactCentreFlow } from '../../designer/src/editor/examples/contact-centre-flow';
import { edge, node, waitForStillCanvas } from '../support/canvas';
import { expectEdgesOfNodesOnScreen, importLargeFlow } from '../support/canvas-large';
import { expect, pageAs, test } from '../support/fixtures';
import { postTrpc } from '../support/trpc';

/**
 * A large contact-centre flow (menus, queues, sub-flow calls, end nodes every department shares) on the canvas,
 * which on large flows renders only what is near the view: nothing the user sees may be lost for it.
 */
const SIZE = 600;
const FLOW = 'E2E large contact centre';
const flowDocument = (): FlowDocument => ({ ...contactCentreFlow(SIZE), name: FLOW });

/** Drags the empty canvas by (dx, dy), from a spot where nothing but the pane is under the pointer. */
async function pan(page: Page, dx: number, dy: number): Promise<void> {
  const spot = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (let y = pane.top + 30; y < pane.bottom - 30; y += 15) {
      for (let x = pane.left + 30; x < pane.right - 230; x += 15) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    throw new Error('no empty spot on the canvas');
  });
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  await page.mouse.move(spot.x + dx, spot.y + dy, { steps: 8 });
  await page.mouse.up();
  await waitForStillCanvas(page);
}

test.describe.serial('a large flow on the canvas', () => {
  let flowId = '';

  test('an admin imports a 600-node contact-centre flow and the sub-flow it calls', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'admin');
    flowId = await importLargeFlow(page, flowDocument());
    await page.context().close();
  });

  test('every edge with an end on screen is drawn, also edges into the shared end node far off screen, before and after panning', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(`/flows/${flowId}`);
    await expect(node(page, 'main')).toBeVisible();
    // Only what is near the view is rendered.
    expect(await page.locator('.react-flow__node').count()).toBeLessThan(SIZE / 4);
    await expect(edge(page, 'dept_0', 'end').locator('.react-flow__edge-path')).toHaveAttribute('d', /^M/);
    await expectEdgesOfNodesOnScreen(page, flowDocument());

    // A screen and a half to the right and down: other departments, edges culled and drawn anew.
    await pan(page, -500, -200);
    await pan(page, -500, -200);
    await pan(page, -500, -100);
    await expect(node(page, 'main')).toHaveCount(0);
    await expectEdgesOfNodesOnScreen(page, flowDocument());
    await page.context().close();
  });

  test('a node is selected, dragged (its edges follow) and the drag undone', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(`/flows/${flowId}`);
    const menu = page.locator('.react-flow__node[data-id="dept_0"]');
    const incoming = edge(page, 'main', 'dept_0').locator('.react-flow__edge-path');
    await expect(menu).toBeVisible();
    const placeOf = () => menu.evaluate((element) => (element as HTMLElement).style.transform);
    const place = await placeOf();
    expect(place).toContain('translate');
    const line = await incoming.getAttribute('d');

    await node(page, 'dept_0').locator('header').click();
    await expect(menu).toHaveClass(/selected/);
    await expect(page.locator('.sb-inspector__id')).toContainText('dept_0');

    const header = (await node(page, 'dept_0').locator('header').boundingBox())!;
    await page.mouse.move(header.x + 20, header.y + header.height / 2);
    await page.mouse.down();
    await page.mouse.move(header.x + 170, header.y + 100, { steps: 10 });
    await page.mouse.up();
    await expect.poll(placeOf).not.toBe(place);
    await expect(incoming).not.toHaveAttribute('d', line!);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

    await page.keyboard.press('Control+z');
    await expect.poll(placeOf).toBe(place);
    await expect(incoming).toHaveAttribute('d', line!);
    await page.context().close();
  });

  test('a node is copied and pasted next to itself, selected, and the paste undone', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(`/flows/${flowId}`);
    await node(page, 'dept_0_1_say').locator('header').click();
    await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('data-id', 'dept_0_1_say');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    const pasted = page.locator('.react-flow__node.selected');
    await expect(pasted).toHaveCount(1);
    await expect(pasted).not.toHaveAttribute('data-id', 'dept_0_1_say');
    await expect(pasted).toContainText('Team 0.1. Calls may be recorded.');
    await expect(pasted).toBeVisible();
    const pastedId = (await pasted.getAttribute('data-id'))!;

    await page.keyboard.press('Control+z');
    await expect(page.locator(`.react-flow__node[data-id="${pastedId}"]`)).toHaveCount(0);
    await expect(node(page, 'dept_0_1_say')).toBeVisible();
    await page.context().close();
  });

  test("a test call lights its path on the large canvas", async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'tester');
    await page.goto(`/flows/${flowId}`);
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    const panel = page.getByTestId('simulator-panel');
    if (!(await panel.getByLabel('Date').isVisible())) await panel.getByText('Call settings').click();
    // A Monday in working hours: the schedule opens, the main menu waits for keys.
    await panel.getByLabel('Date').fill('2026-11-23');
    await panel.getByLabel('Time', { exact: true }).fill('10:00');
    await panel.getByRole('button', { name: 'Start test call' }).click();
    await expect(page.getByTestId('simulator-status')).toContainText('At Menu main: waiting for keys');
    await expect(node(page, 'main')).toHaveClass(/sb-highlight--active/);
    await expect(node(page, 'main')).toHaveCSS('box-shadow', /rgb\(37, 99, 235\)/);
    await expect(node(page, 'hours')).toHaveClass(/sb-highlight--visited/);
    await page.getByRole('group', { name: 'Phone keypad' }).getByRole('button', { name: 'Key 1' }).click();
    await expect(node(page, 'dept_0')).toHaveClass(/sb-highlight--active/);
    await expect(node(page, 'main')).toHaveClass(/sb-highlight--visited/);
    await page.context().close();
  });

  test('the version diff colours the changed node of the large flow', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'admin');
    await postTrpc(page, 'flows.publish', { flowId, message: 'v1' });
    const changed = flowDocument();
    changed.nodes = changed.nodes.map((n) => (n.id === 'dept_0_1_say' ? ({ ...n, data: { prompt: { text: { en: 'Team 0.1, now with shorter waits.' } }, bargeIn: false } } as typeof n) : n));
    await postTrpc(page, 'flows.import', { documents: [changed], replaceOthersDrafts: true });
    await postTrpc(page, 'flows.publish', { flowId, message: 'v2' });

    await page.goto(`/flows/${flowId}/diff/1/2`);
    await expect(page.getByTestId('diff-title')).toHaveText('Differences: v1 → v2');
    await expect(node(page, 'dept_0_1_say')).toHaveClass(/sb-highlight--changed/);
    await expect(node(page, 'dept_0_1_say')).toBeVisible();
    // The amber ring of a changed node (#d97706), as on small flows.
    await expect(node(page, 'dept_0_1_say')).toHaveCSS('box-shadow', /rgb\(217, 119, 6\)/);
    for (const unchanged of ['start', 'main', 'dept_0', 'dept_0_2_say']) await expect(node(page, unchanged)).not.toHaveClass(/sb-highlight--/);
    await page.context().close();
  });
});
