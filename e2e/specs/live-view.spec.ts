import { expect, signIn, test } from '../support/fixtures';

/** The VIP route example: a caller on its VIP list hears a welcome, then waits in vip@default for the emulated agents (the first answers after 8 s). */
const VIP_ROUTE = '+15550103';
const VIP_CALLER = '+442071234567';

test.describe('live view', () => {
  test('a tester sees a call appear in its flow and wait in its queue within seconds, and leave the view when it ends', async ({ page, baseURL, request }) => {
    await signIn(page, 'tester');
    await page.getByRole('link', { name: 'Live' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Live' })).toBeVisible();
    // The runtime of `npm start` publishes its snapshot every second.
    await expect(page.getByTestId('live-status')).toContainText('1 runtime reporting');
    const callsNow = page.getByTestId('live-callsInFlows').getByTestId('live-value');
    await expect(callsNow).toHaveText('0');

    // A call through the emulated switch and the real runtime; the request answers when the call has ended.
    const placedAt = Date.now();
    const placed = request.post(`${baseURL}/demo/calls`, { data: { to: VIP_ROUTE, from: VIP_CALLER }, timeout: 120_000 });

    const flowRow = page.getByTestId(`live-flow-VIP route-${VIP_ROUTE}`);
    await expect(flowRow.getByRole('cell').nth(2)).toHaveText('1', { timeout: 5_000 });
    const inFlowAfterMs = Date.now() - placedAt;
    await expect(callsNow).toHaveText('1');

    // After the welcome the caller waits in the VIP queue: waiting 1, with a wait that grows.
    const queueRow = page.getByTestId('live-queue-vip@default');
    await expect(queueRow.getByRole('cell').nth(1)).toHaveText('1', { timeout: 10_000 });
    const waitingAfterMs = Date.now() - placedAt;
    await expect(page.getByTestId('live-callersWaiting').getByTestId('live-value')).toHaveText('1');
    await expect(queueRow.getByRole('cell').nth(2)).toHaveText(/^[1-9]\d* sec$/, { timeout: 5_000 });
    await page.getByTestId('live-per-node').check();
    await expect(page.getByTestId('live-node-VIP route-vipQueue').getByRole('cell').nth(3)).toHaveText('1');
    console.info(`live view: call shown in its flow ${inFlowAfterMs} ms and waiting in its queue ${waitingAfterMs} ms after it was placed`);

    // An agent answers and the call ends: it leaves the view.
    expect((await placed).status()).toBe(200);
    await expect(callsNow).toHaveText('0', { timeout: 5_000 });
    await expect(queueRow.getByRole('cell').nth(1)).toHaveText('0');
  });
});
