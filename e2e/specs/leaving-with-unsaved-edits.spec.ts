import { expectSaved, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

// The draft saves 800 ms after typing stops. Closing the tab, reloading or losing the connection inside that pause
// used to lose the last edit: only the browser's "leave site?" prompt stood in the way.

test('an edit typed just before the tab closes is on the server when the flow is opened again', async ({ browser, baseURL }) => {
  const editor = await pageAs(browser, baseURL, 'editor');
  const flowPath = await createFlow(editor, 'E2E closed in the pause', { example: 'Support queue', firstNode: 'queue' });
  await editor.getByLabel('Description').fill('Typed a moment before closing');
  await editor.close();

  const again = await editor.context().newPage();
  await again.goto(flowPath);
  await expect(node(again, 'queue')).toBeVisible();
  await expect(again.getByLabel('Description')).toHaveValue('Typed a moment before closing');
  await expectSaved(again);
  // From the server, not only from this browser: a page in another context sees it too.
  const other = await pageAs(browser, baseURL, 'publisher');
  await other.goto(flowPath);
  await expect(other.getByLabel('Description')).toHaveValue('Typed a moment before closing');
  await other.context().close();
  await again.context().close();
});

test('edits the server never got (connection lost, then the tab crashed) come back on the next visit and are saved then', async ({ browser, baseURL }) => {
  const editor = await pageAs(browser, baseURL, 'editor');
  const flowPath = await createFlow(editor, 'E2E saved on the next visit', { example: 'Support queue', firstNode: 'queue' });
  await expectSaved(editor);
  // The connection drops: every save fails from here on.
  await editor.route('**/trpc/flows.saveDraft**', (route) => route.abort('internetdisconnected'));
  await editor.getByLabel('Description').fill('Written while offline');
  await expect(editor.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'error');
  // The tab dies here (a crash, the laptop's battery): nothing more is sent. The next visit is a browser with the
  // same storage — the dead tab stays open only so that it cannot send anything on closing.
  const next = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, storageState: await editor.context().storageState() });
  const again = await next.newPage();
  await again.goto(flowPath);
  await expect(again.getByRole('status').filter({ hasText: 'Brought back edits that were not saved when this page closed' })).toBeVisible();
  await expect(again.getByLabel('Description')).toHaveValue('Written while offline');
  await expectSaved(again);
  await again.reload();
  await expect(again.getByLabel('Description')).toHaveValue('Written while offline');
  await expect(again.getByText('Brought back edits')).toHaveCount(0);
  await next.close();
  await editor.context().close();
});
