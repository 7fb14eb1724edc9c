import { connect, dropFromPalette, edge, expectSaved, node, showProblems, tidyCanvas } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

const FLOW = 'E2E support line';
const NUMBER = '+15550142';

/**
 * The life of a flow, as the people doing it would: an editor builds a menu with an announcement, a queue and a
 * keep-your-place callback; a publisher publishes; an admin binds a number; a change is published and made live;
 * the comparison shows it; the admin rolls back to v1. Each step continues from the previous one.
 */
test.describe.serial('build, publish, compare and roll back a flow', () => {
  let flowPath = '';

  test('an editor builds a menu with an announcement, a queue and a callback, fixes a validation error, and it is saved', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    flowPath = await createFlow(page, FLOW);

    await dropFromPalette(page, 'Menu', 380, 60, 'menu_1');
    await dropFromPalette(page, 'Announcement', 700, 20, 'announcement_1');
    await dropFromPalette(page, 'Queue', 700, 200, 'queue_1');
    await dropFromPalette(page, 'Callback', 380, 360, 'callback_1');
    await dropFromPalette(page, 'Hang up', 60, 420, 'hangup_1');
    await tidyCanvas(page);

    await connect(page, 'start', 'next', 'menu_1');
    await connect(page, 'menu_1', '1', 'announcement_1');
    await connect(page, 'menu_1', '2', 'queue_1');
    await connect(page, 'menu_1', '0', 'queue_1');
    await connect(page, 'menu_1', 'noInput', 'hangup_1');
    await connect(page, 'announcement_1', 'next', 'queue_1');
    await connect(page, 'queue_1', 'callbackRequested', 'callback_1');
    await connect(page, 'callback_1', 'scheduled', 'hangup_1');
    await connect(page, 'callback_1', 'declined', 'hangup_1');

    // One outlet is still loose: callers would hear dead air. The editor sees it and where.
    await showProblems(page);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems.locator('.sb-validation__counts')).toHaveText(/^1 error · \d+ warnings?$/);
    await expect(problems).toContainText('SB202');
    await expect(problems).toContainText('Failed');
    await expect(node(page, 'callback_1').getByTestId('issue-badge')).toBeVisible();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('validate-result')).toHaveText('1 error blocks publishing');

    await tidyCanvas(page);
    await connect(page, 'callback_1', 'failed', 'hangup_1');
    await showProblems(page);
    await expect(problems).toContainText('0 errors');
    await expect(node(page, 'callback_1').getByTestId('issue-badge')).toHaveCount(0);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('validate-result')).toContainText('Ready to publish');
    await expectSaved(page);

    // Saved on the server: a fresh load shows the same flow.
    await page.reload();
    await expect(node(page, 'callback_1')).toBeVisible();
    await expect(edge(page, 'callback_1', 'hangup_1')).toHaveCount(3);
    await page.context().close();
  });

  test('an editor cannot publish: no Publish button, and the API refuses the call', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(flowPath);
    await expect(node(page, 'menu_1')).toBeVisible();
    await expect(page.getByRole('button', { name: /Publish/ })).toHaveCount(0);
    await expect(page.locator('[data-permission-denied="publishFlows"]')).toHaveAttribute('title', /cannot publish flows/);

    const flowId = flowPath.split('/').pop();
    const response = await page.request.post('/trpc/flows.publish', { data: { flowId, message: 'sneaky' } });
    expect(response.status()).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('Permission required: publish flows');
    await page.context().close();
  });

  test('a publisher publishes the first version', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'publisher');
    await page.goto(flowPath);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('This will be the first version.');
    await dialog.getByLabel('What changed, for the history').fill('First version: menu, queue and callback');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(dialog.getByTestId('publish-result')).toContainText('Published version 1.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('flow-status')).toContainText('Published v1');
    await page.context().close();
  });

  test('an admin binds a number to it in staging', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'admin');
    await page.getByRole('link', { name: 'Numbers' }).click();
    const form = page.getByRole('form', { name: 'Bind a number or route' });
    await form.getByLabel('Number or route').fill(NUMBER);
    await form.getByLabel('Flow').selectOption(FLOW);
    await form.getByRole('button', { name: 'Bind' }).click();
    await expect(page.getByTestId(`binding-staging-${NUMBER}`).getByTestId('binding-version')).toHaveText('v1');
    await page.context().close();
  });

  test('the editor changes the announcement, and the publisher publishes v2 live on the number', async ({ browser, baseURL }) => {
    const editor = await pageAs(browser, baseURL, 'editor');
    await editor.goto(flowPath);
    await node(editor, 'announcement_1').click();
    await editor.getByLabel('Message in en').fill('Thank you for calling. Your call matters to us.');
    await editor.getByLabel('Name on the canvas').fill('Warm welcome');
    await expectSaved(editor);
    await expect(editor.getByTestId('flow-status')).toContainText('Published v1');
    await expect(editor.getByTestId('unpublished-changes')).toHaveText('Unpublished changes');
    await editor.context().close();

    const page = await pageAs(browser, baseURL, 'publisher');
    await page.goto(flowPath);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('change-summary')).toContainText('1 step changed');
    // Named as on the canvas and in the inspector, not by id and JSON path.
    await expect(dialog.getByTestId('change-summary')).toContainText('“Warm welcome” (announcement_1) › Message › Text › en');
    await expect(dialog.getByTestId('change-summary')).not.toContainText('data.prompt');
    await dialog.getByLabel('What changed, for the history').fill('Warmer welcome');
    await dialog.getByLabel(`${NUMBER} in Staging (now v1)`).check();
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(dialog.getByTestId('publish-result')).toContainText('Published version 2.');
    await expect(dialog.getByTestId('publish-result')).toContainText(`${NUMBER} in Staging now runs version 2.`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('flow-status')).toContainText('Published v2');
    await expect(page.getByTestId('unpublished-changes')).toHaveCount(0);
    await page.context().close();
  });

  test('the version diff highlights the changed node and lists the field that changed', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(flowPath);
    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByTestId('version-2').getByRole('link', { name: 'Changes' }).click();
    await expect(page.getByTestId('diff-title')).toHaveText('Differences: v1 → v2');
    await expect(node(page, 'announcement_1')).toHaveClass(/sb-highlight--changed/);
    for (const unchanged of ['start', 'menu_1', 'queue_1', 'callback_1', 'hangup_1']) {
      await expect(node(page, unchanged)).not.toHaveClass(/sb-highlight--/);
    }
    await expect(page.getByTestId('changed-node-announcement_1')).toContainText('Your call matters to us.');
    await expect(page.getByTestId('changed-node-announcement_1')).toContainText('“Warm welcome” (announcement_1) › Name on the canvas: — → "Warm welcome"');
    await page.context().close();
  });

  test('an admin rolls back to v1, with a reason, and the binding shows v1', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'admin');
    await page.goto(flowPath);
    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByTestId('version-1').getByRole('button', { name: 'Roll back…' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Roll back to v1' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Why (kept in the history)').fill('Callers preferred the short welcome');
    await confirm.click();
    await expect(dialog).toHaveCount(0);

    await page.getByRole('link', { name: 'Numbers' }).click();
    await expect(page.getByTestId(`binding-staging-${NUMBER}`).getByTestId('binding-version')).toHaveText('v1');
    const history = page.getByTestId('deployment-history');
    await expect(history.locator('tr', { hasText: 'Rolled back' }).first()).toContainText('Callers preferred the short welcome');
    await page.context().close();
  });
});
