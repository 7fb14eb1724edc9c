import { dropFromPalette, expectSaved, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

/**
 * A diagnostic's own sentence follows the UI language: in the problems panel and the inspector (compiled in the
 * browser) and in the publish dialog (checked by the API and sent over tRPC with its message id and values).
 */
test('with the UI in Chinese, a flow problem is described in Chinese everywhere it is shown', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL, 'publisher');
  await createFlow(page, 'E2E diagnostics in Chinese');
  // A blank flow's Start leads nowhere yet (SB202, an error); an announcement nothing leads to (SB201, a warning).
  await dropFromPalette(page, 'Announcement', 420, 80, 'announcement_1');
  await expectSaved(page);

  await page.getByRole('banner').getByLabel('Language').selectOption('zh-CN');
  const sentence = '“开始”步骤 start 的出口“Next”没有连接';
  const problems = page.getByRole('region', { name: '问题' });
  await expect(problems).toContainText(sentence);
  await expect(problems).toContainText('“播放提示”步骤 announcement_1 从开始无法到达');
  await expect(problems).not.toContainText('is not connected');

  await node(page, 'start').click();
  await expect(page.locator('.sb-inspector')).toContainText(sentence);

  await page.getByRole('button', { name: '发布…' }).click();
  const blocked = page.getByRole('dialog').getByTestId('publish-blocked');
  await expect(blocked).toContainText(sentence);
  await expect(blocked).toContainText('把出口连到下一步');
  await expect(blocked).not.toContainText('is not connected');
  await page.screenshot({ path: test.info().outputPath('publish-blocked-zh.png') });
  await page.context().close();
});
