import type { Page } from '@playwright/test';
import { expectSaved, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

const FLOW = 'E2E scenarios while editing';

/** Opens the test-call panel (if closed), calls on Christmas Day, and saves the run as a scenario named `name`. */
async function saveChristmasRun(page: Page, name: string): Promise<void> {
  const panel = page.getByTestId('simulator-panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Test call', exact: true }).click();
  if (!(await panel.getByLabel('Date').isVisible())) await panel.getByText('Call settings').click();
  await panel.getByLabel('Date').fill('2026-12-25');
  await panel.getByLabel('Time', { exact: true }).fill('10:00');
  await panel.getByRole('button', { name: /^(Start test call|Start again)$/ }).click();
  await expect(page.getByTestId('simulator-status')).toContainText('Call ended: self-served');
  await page.getByLabel('Scenario name').fill(name);
  await page.getByRole('button', { name: 'Save run as scenario' }).click();
}

const busyMessage = (page: Page) => page.getByLabel('Message in en');
const scenarioRow = (page: Page, name: string) => page.getByTestId('scenario').filter({ hasText: name });

/**
 * Issue 13: a tester saving scenarios while someone edits the same draft made the editor's next autosave a
 * conflict, and "keep mine" deleted the tester's scenarios. Scenarios now have their own revision.
 */
test('a tester saves scenarios while a publisher edits nodes: no conflict, the scenarios show up without reload, both survive', async ({ browser, baseURL }) => {
  const editor = await pageAs(browser, baseURL, 'publisher');
  const flowPath = await createFlow(editor, FLOW, { example: 'Holiday hours', firstNode: 'holidayMessage' });
  await node(editor, 'busy').click();
  await busyMessage(editor).fill('Please hold, edit one.');
  await expectSaved(editor);

  const tester = await pageAs(browser, baseURL, 'tester');
  await tester.goto(flowPath);
  await saveChristmasRun(tester, 'Tester: Christmas morning');
  await expect(tester.getByTestId('scenario-save-notice')).toContainText('Scenarios saved');
  await expect(tester.getByTestId('scenario')).toHaveCount(4);

  // The editor goes on editing from the draft it loaded before the tester saved: no conflict.
  await busyMessage(editor).fill('Please hold, edit two.');
  await expectSaved(editor);
  await expect(editor.getByRole('dialog')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Test call', exact: true }).click();
  await expect(scenarioRow(editor, 'Tester: Christmas morning')).toBeVisible();

  // Saved again while the editor only looks: the open editor picks it up by itself.
  await saveChristmasRun(tester, 'Tester: Christmas again');
  await expect(tester.getByTestId('scenario')).toHaveCount(5);
  await expect(scenarioRow(editor, 'Tester: Christmas again')).toBeVisible({ timeout: 25_000 });
  await expect(editor.locator('[data-save-state]')).toHaveAttribute('data-save-state', 'saved');

  // A name already taken is not saved twice: the tester is asked, and replacing keeps one row.
  await saveChristmasRun(tester, 'Tester: Christmas again');
  await expect(tester.getByTestId('scenario-replace')).toContainText('A scenario named “Tester: Christmas again” already exists.');
  await tester.getByRole('button', { name: 'Replace it' }).click();
  await expect(tester.getByTestId('scenario-save-notice')).toContainText('Scenarios saved');
  await expect(tester.getByTestId('scenario')).toHaveCount(5);
  await tester.getByRole('button', { name: 'Run all scenarios' }).click();
  // Each row shows its own result: the editor's new busy message fails only the example's full-queue scenario.
  await expect(tester.getByTestId('scenario-summary')).toHaveText('4 passed, 1 failed');
  await expect(scenarioRow(tester, 'Queue over its threshold')).toHaveClass(/sb-sim-scenario--fail/);
  await expect(scenarioRow(tester, 'Tester: Christmas again')).toHaveClass(/sb-sim-scenario--pass/);
  await expect(tester.locator('.sb-sim-scenario--fail')).toHaveCount(1);

  // Undo in the editor steps back through its node edits only; the scenarios stay.
  await editor.getByRole('button', { name: 'Undo' }).click();
  await expect(busyMessage(editor)).toHaveValue('Please hold, edit one.');
  await expectSaved(editor);
  await expect(editor.getByRole('dialog')).toHaveCount(0);

  await editor.reload();
  await node(editor, 'busy').click();
  await expect(busyMessage(editor)).toHaveValue('Please hold, edit one.');
  await editor.getByRole('button', { name: 'Test call', exact: true }).click();
  await expect(editor.getByTestId('scenario')).toHaveCount(5);
  await expect(scenarioRow(editor, 'Tester: Christmas morning')).toBeVisible();
  await expect(scenarioRow(editor, 'Tester: Christmas again')).toBeVisible();
  await editor.context().close();
  await tester.context().close();
});
