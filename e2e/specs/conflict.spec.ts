import { expectSaved, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

test('two people edit the same draft: the second sees who saved, and nothing is overwritten silently', async ({ browser, baseURL }) => {
  const editor = await pageAs(browser, baseURL, 'editor');
  const flowPath = await createFlow(editor, 'E2E conflict', { example: 'Support queue', firstNode: 'queue' });

  const publisher = await pageAs(browser, baseURL, 'publisher');
  await publisher.goto(flowPath);
  await expect(node(publisher, 'queue')).toBeVisible();

  await editor.getByLabel('Description').fill('Edited by the editor');
  await expectSaved(editor);

  await publisher.getByLabel('Description').fill('Edited by the publisher');
  const dialog = publisher.getByRole('dialog', { name: 'Someone else saved this flow' });
  await expect(dialog.getByTestId('conflict-who')).toContainText('Editor <editor@switchboard.local> saved revision');
  await expect(publisher.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'conflict');

  await dialog.getByLabel('New flow name').fill('E2E conflict publisher copy');
  await dialog.getByRole('button', { name: 'Copy to a new flow' }).click();
  await expect(publisher.getByRole('heading', { name: 'E2E conflict publisher copy' })).toBeVisible();
  await expect(publisher.getByLabel('Description')).toHaveValue('Edited by the publisher');

  // The editor's draft is untouched.
  await editor.reload();
  await expect(editor.getByLabel('Description')).toHaveValue('Edited by the editor');
  await editor.context().close();
  await publisher.context().close();
});
