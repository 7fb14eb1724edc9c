import { connect, dropFromPalette, expectSaved, node, showProblems, tidyCanvas } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

/**
 * An editor adds a satisfaction survey to a flow from the palette and sees its best-practice warning; a tester's
 * test call in the browser rates the call, recorded as the runtime would record it.
 */
test.describe.serial('satisfaction survey', () => {
  let flowPath = '';

  test('an editor adds a satisfaction survey from the palette and is told it retries without saying why', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    flowPath = await createFlow(page, 'E2E survey');
    await dropFromPalette(page, 'Satisfaction survey', 380, 60, 'survey_1');
    await dropFromPalette(page, 'Hang up', 700, 200, 'hangup_1');
    await expect(node(page, 'survey_1')).toContainText('How satisfied are you with your call today?');
    await expect(node(page, 'survey_1')).toContainText('1 question');
    await tidyCanvas(page);
    await connect(page, 'start', 'next', 'survey_1');
    await connect(page, 'survey_1', 'done', 'hangup_1');
    await connect(page, 'survey_1', 'noAnswer', 'hangup_1');

    // A fresh survey retries once without saying why: the editor is told (SB401), publishing is not blocked.
    await showProblems(page);
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems).toContainText('0 errors');
    await expect(problems).toContainText('SB401');
    await expectSaved(page);
    await page.context().close();
  });

  test('a tester’s test call rates the call 4 out of 5', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'tester');
    await page.goto(flowPath);
    const panel = page.getByTestId('simulator-panel');
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    await panel.getByRole('button', { name: /^(Start test call|Start again)$/ }).click();
    await expect(page.getByTestId('simulator-status')).toContainText(/At Satisfaction survey survey_1: waiting for keys/);
    await page.getByRole('group', { name: 'Phone keypad' }).getByRole('button', { name: 'Key 4' }).click();
    await expect(page.getByTestId('simulator-transcript')).toContainText('call record: survey question 1 rated 4');
    await expect(page.getByTestId('simulator-status')).toContainText('Call ended: self-served');
    await page.context().close();
  });
});
