import { expect, signIn, test } from '../support/fixtures';

test.describe('signing in and out', () => {
  test('a wrong password is explained, the right one signs in, and sign-out returns to the login page', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Email').fill('tester@switchboard.local');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The email or password is wrong.');

    await signIn(page, 'tester');
    await expect(page.getByTestId('role-badge')).toHaveText('Tester');
    await expect(page.getByTestId('current-user')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  test('repeated failures are rate limited, with how long to wait', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Email').fill('nobody-here@switchboard.local');
    await page.getByLabel('Password').fill('guess');
    const submit = page.getByRole('button', { name: 'Sign in' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submit.click();
      await expect(page.getByRole('alert')).toHaveText('The email or password is wrong.');
      await expect(submit).toBeEnabled();
    }
    await submit.click();
    // Five failures from one address: that address waits 30 seconds (other addresses are not affected).
    await expect(page.getByRole('alert')).toHaveText(/^Too many failed sign-ins\. Try again in (30|29|28) seconds\.$/);
  });
});
