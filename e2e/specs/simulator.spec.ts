import type { Page } from '@playwright/test';
import { expectSaved, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

const FLOW = 'E2E holiday line';

/** Opens the test-call panel on the flow and starts a call on `date` (working days are Mondays in Nov 2026). */
async function startTestCall(page: Page, date: string, callersWaiting?: number): Promise<void> {
  const panel = page.getByTestId('simulator-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Test call', exact: true }).click();
  if (!(await panel.getByLabel('Date').isVisible())) await panel.getByText('Call settings').click();
  await panel.getByLabel('Date').fill(date);
  await panel.getByLabel('Time', { exact: true }).fill('10:00');
  if (callersWaiting !== undefined) await panel.getByLabel('Callers waiting').fill(String(callersWaiting));
  const start = panel.getByRole('button', { name: /^(Start test call|Start again)$/ });
  await start.click();
}

const transcript = (page: Page) => page.getByTestId('simulator-transcript');
const pressKey = (page: Page, key: string) => page.getByRole('group', { name: 'Phone keypad' }).getByRole('button', { name: `Key ${key}` }).click();

/**
 * Test calls in the browser on the holiday-hours example: a tester tries a holiday, a working day and a full
 * queue and saves that run as a scenario; a publisher's edit that breaks it blocks publishing.
 */
test.describe.serial('test calls and saved scenarios', () => {
  let flowPath = '';

  test('a publisher starts a flow from the holiday-hours example', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'publisher');
    flowPath = await createFlow(page, FLOW, { example: 'Holiday hours', firstNode: 'holidayMessage' });
    await page.context().close();
  });

  test('a tester calls on Christmas Day and hears the holiday message, the path lit on the canvas', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'tester');
    await page.goto(flowPath);
    await startTestCall(page, '2026-12-25');
    await expect(transcript(page).getByTestId('heard').first()).toContainText('We are closed for the holiday');
    await expect(transcript(page)).toContainText("execute speak flite|kal|Season's greetings.");
    await expect(page.getByTestId('simulator-status')).toContainText('Call ended: self-served');
    await expect(node(page, 'holidayMessage')).toHaveClass(/sb-highlight--visited/);
    await expect(node(page, 'menu')).not.toHaveClass(/sb-highlight--/);
    await page.context().close();
  });

  test('on a working day the tester presses 1 and reaches the queue; over its threshold the callback offer is made, and the tester saves that run as a scenario', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'tester');
    await page.goto(flowPath);
    await startTestCall(page, '2026-11-23');
    await expect(page.getByTestId('simulator-status')).toContainText('At Menu menu: waiting for keys');
    await expect(node(page, 'menu')).toHaveClass(/sb-highlight--active/);
    await pressKey(page, '1');
    await expect(page.getByTestId('simulator-status')).toContainText('At Queue support: waiting in the queue');
    await expect(transcript(page).getByTestId('freeswitch-command').filter({ hasText: 'execute callcenter support@default' })).toHaveCount(1);
    await expect(node(page, 'support')).toHaveClass(/sb-highlight--active/);

    await startTestCall(page, '2026-11-23', 12);
    await page.getByTestId('simulator-panel').press('1');
    await expect(transcript(page).getByTestId('heard').last()).toContainText('We can call you back on 0 7 7 0 0, 9 0 0 1 2 3');
    await expect(node(page, 'callback')).toHaveClass(/sb-highlight--active/);
    await pressKey(page, '1');
    await expect(page.getByTestId('simulator-status')).toContainText('Call ended: callback booked');

    // A tester cannot edit the flow, but saves the run into the draft's scenarios.
    await page.getByLabel('Scenario name').fill('Busy queue: callback booked');
    await page.getByRole('button', { name: 'Save run as scenario' }).click();
    await expect(page.getByTestId('scenario-save-notice')).toContainText('Scenarios saved (scenarios revision');
    await expect(page.getByTestId('scenario').filter({ hasText: 'Busy queue: callback booked' })).toBeVisible();
    await page.getByRole('button', { name: 'Run all scenarios' }).click();
    await expect(page.getByTestId('scenario-summary')).toHaveText('4 passed, 0 failed');

    await page.reload();
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    await expect(page.getByTestId('scenario')).toHaveCount(4);
    await page.context().close();
  });

  test("a publisher's edit that breaks the tester's scenario blocks publishing", async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'publisher');
    await page.goto(flowPath);
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    await expect(page.getByTestId('scenario').filter({ hasText: 'Busy queue: callback booked' })).toBeVisible();
    await page.getByRole('button', { name: 'Run all scenarios' }).click();
    await expect(page.getByTestId('scenario-summary')).toHaveText('4 passed, 0 failed');

    // Close the panel so the whole canvas is in view, edit the busy message, open it again.
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    await node(page, 'busy').click();
    await page.getByLabel('Message in en').fill('Please hold.');
    await expectSaved(page);
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    await page.getByRole('button', { name: 'Run all scenarios' }).click();
    await expect(page.getByTestId('scenario-summary')).toHaveText('2 passed, 2 failed');

    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What changed, for the history').fill('Shorter busy message');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'fails' });
    await expect(refusal).toContainText(`of "${FLOW}" fails: expected the caller to hear "All our agents are busy`);
    await expect(refusal).toContainText('Fix the flow or update the scenario before publishing');
    await page.context().close();
  });
});
