import { node } from '../support/canvas';
import { expect, pageAs, signIn, test } from '../support/fixtures';

/** The VIP route example: callers on no list go by language to the standard queue, where emulated agents answer. */
const VIP_ROUTE = '+15550103';
const CALLER = '+447700900123';
const MASKED = '+44 7700 •••123';
const SCENARIO = 'Real call: standard queue';

test.describe('call traces', () => {
  test('a manager finds a real call, replays it on the canvas, saves it as a scenario; a tester sees masked numbers', async ({ page, baseURL, request, browser }) => {
    // A call through the emulated switch and the real runtime (the same path as `pnpm demo-call`).
    const placed = await request.post(`${baseURL}/demo/calls`, { data: { to: VIP_ROUTE, from: CALLER }, timeout: 120_000 });
    expect(placed.status()).toBe(200);

    await signIn(page, 'publisher');
    await page.getByRole('link', { name: 'Calls' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Calls' })).toBeVisible();
    await page.getByTestId('calls-flow').selectOption('VIP route');
    await page.getByTestId('calls-caller').fill(CALLER);
    await page.getByRole('button', { name: 'Search' }).click();
    // Call records are written in batches within a second or so: search again until the call is there.
    const row = page.getByTestId('call-row').first();
    await expect(async () => {
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(row).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    // A publisher is below admin: the number comes masked from the server.
    await expect(row.getByTestId('call-caller')).toHaveText(MASKED);
    await expect(row.getByTestId('call-outcome')).toHaveText('Answered from a queue');

    await row.getByRole('link').click();
    await expect(page.getByTestId('call-trace')).toBeVisible();
    await expect(page.getByTestId('trace-version')).toContainText('VIP route v');
    await expect(page.getByTestId('trace-caller')).toContainText(MASKED);
    await expect(page.getByTestId('trace-queue')).toContainText('support@default');
    const transcript = page.getByTestId('simulator-transcript');
    await expect(transcript.getByTestId('visit')).toHaveCount(5);
    await expect(transcript.getByTestId('heard')).toContainText(['Thank you for calling. Goodbye.']);

    // Step through the call on the canvas, as the simulator lights a test call.
    await page.getByRole('button', { name: 'First step' }).click();
    await expect(page.getByTestId('replay-step')).toHaveText('Step 1 of 5');
    await expect(node(page, 'start')).toHaveClass(/sb-highlight--active/);
    await expect(node(page, 'who')).not.toHaveClass(/sb-highlight--/);
    await expect(transcript.getByTestId('visit')).toHaveCount(1);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(page.getByTestId('replay-step')).toHaveText('Step 3 of 5');
    await expect(node(page, 'language')).toHaveClass(/sb-highlight--active/);
    await expect(node(page, 'who')).toHaveClass(/sb-highlight--visited/);
    await expect(transcript.getByTestId('decision').first()).toContainText('took “');
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(node(page, 'who')).toHaveClass(/sb-highlight--active/);
    await expect(node(page, 'language')).not.toHaveClass(/sb-highlight--/);
    await page.getByRole('button', { name: 'Whole call' }).click();
    await expect(node(page, 'bye')).toHaveClass(/sb-highlight--active/);
    await expect(node(page, 'standard')).toHaveClass(/sb-highlight--visited/);

    // One click: the call becomes a scenario of the flow's draft (checked against the version it ran on).
    await page.getByLabel('Scenario name').fill(SCENARIO);
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    await expect(page.getByTestId('scenario-saved')).toContainText(`Saved as scenario “${SCENARIO}” of VIP route`);
    await page.getByRole('link', { name: 'Open the flow and its scenarios' }).click();
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    const saved = page.getByTestId('scenario').filter({ hasText: SCENARIO });
    await expect(saved).toBeVisible();
    await page.getByRole('button', { name: 'Run all scenarios' }).click();
    await expect(saved).toHaveClass(/sb-sim-scenario--pass/);

    // A tester sees the same call with the number masked, in the list and in the trace.
    const tester = await pageAs(browser, baseURL, 'tester');
    await tester.goto('/calls');
    await tester.getByTestId('calls-flow').selectOption('VIP route');
    await expect(tester.getByTestId('masked-note')).toBeVisible();
    await expect(tester.getByTestId('calls-table')).toContainText(MASKED);
    await expect(tester.getByTestId('calls-table')).not.toContainText(CALLER);
    await tester.close();
  });
});
