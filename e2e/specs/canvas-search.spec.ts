import { node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';

/** Issue 13: in a flow of many steps, staff find one by what it says, and the canvas shortcuts are one key away. */
test('an editor finds the holiday message by its words, and ? lists the canvas shortcuts', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL, 'editor');
  await page.getByRole('link', { name: 'Holiday hours' }).click();
  await expect(node(page, 'hours')).toBeVisible();

  const search = page.getByRole('combobox', { name: 'Find a step' });
  await search.fill('closed for the holiday');
  await expect(page.getByRole('listbox', { name: 'Steps found' }).getByRole('option')).toHaveCount(1);
  await search.press('Enter');
  await expect(node(page, 'holidayMessage')).toHaveClass(/is-selected/);
  await expect(page.getByRole('form', { name: 'Settings of holidayMessage' })).toBeVisible();

  await node(page, 'hours').click();
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Find a step by name, prompt text or id');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await node(page, 'hours').click();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.context().close();
});
