import { expect, signIn, test } from '../support/fixtures';

/** The VIP route example's blocked caller: turned away at once, so each call ends within a second. */
const VIP_ROUTE = '+15550103';
const BLOCKED_CALLER = '+447700900999';
/** A caller on the VIP list, who waits in the VIP queue for the emulated agents. */
const VIP_CALLER = '+442071234567';

async function callsShown(page: import('@playwright/test').Page): Promise<number> {
  const value = await page.getByTestId('kpi-calls').getByTestId('kpi-value').textContent();
  return Number((value ?? '').replace(/[^0-9]/g, ''));
}

test.describe('analytics dashboard', () => {
  test('a manager sees the calls just placed through Switchboard, how they ended, and can download them', async ({ page, baseURL, request }) => {
    await signIn(page, 'publisher');
    await page.getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    await expect(page.getByTestId('kpi-calls')).toBeVisible();
    const before = await callsShown(page);

    // Three calls through the emulated switch and the real runtime (the same path as `pnpm demo-call`).
    const placed = await Promise.all(
      [BLOCKED_CALLER, BLOCKED_CALLER, VIP_CALLER].map((from) => request.post(`${baseURL}/demo/calls`, { data: { to: VIP_ROUTE, from }, timeout: 120_000 })),
    );
    for (const response of placed) expect(response.status()).toBe(200);

    // Call records are written in batches within a second or so: reload until the dashboard has them.
    await expect(async () => {
      await page.reload();
      expect(await callsShown(page)).toBe(before + 3);
    }).toPass({ timeout: 30_000 });

    await page.getByTestId('filter-flow').selectOption('VIP route');
    await expect(page.getByTestId('outcome-rejected').getByRole('cell').nth(1)).toHaveText('2');
    await expect(page.getByTestId('breakdown-VIP route').getByRole('cell').nth(1)).toHaveText('3');
    await expect(page.getByTestId('calls-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByTestId('csv-outcomes.csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('outcomes.csv');
    const text = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => resolve(data));
        stream.on('error', reject);
      }, reject);
    });
    expect(text).toContain('rejected,2,');
  });
});
