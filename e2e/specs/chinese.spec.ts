import { expect, test } from '../support/fixtures';
import { PASSWORDS } from '../support/server';

test('the whole UI switches to Simplified Chinese, from the login page to the editor', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '登录 Switchboard' })).toBeVisible();
  await page.getByLabel('邮箱').fill('tester@switchboard.local');
  await page.getByLabel('密码').fill(PASSWORDS.tester);
  await page.getByRole('button', { name: '登录' }).click();

  await expect(page.getByTestId('role-badge')).toHaveText('测试');
  await expect(page.getByRole('heading', { name: '流程', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '号码' })).toBeVisible();
  const create = page.getByRole('button', { name: '新建流程' });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAttribute('title', '您的角色（测试）不能编辑流程。请联系编辑或发布者或管理员。');
  await expect(page.getByTestId('flow-row-Support queue').getByTestId('flow-status')).toContainText('已发布 v1');
  await page.screenshot({ path: test.info().outputPath('flows-zh.png') });

  await page.getByRole('link', { name: 'Support queue' }).click();
  await expect(page.getByTestId('node-queue')).toBeVisible();
  await expect(page.getByText('只读', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: '问题' })).toBeVisible();
  await expect(page.getByRole('button', { name: '版本' })).toBeVisible();
  await expect(page.getByRole('button', { name: '检查', exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('editor-zh.png') });
});
