import type { Page } from '@playwright/test';
import { expectSaved } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

const FLOW = 'E2E CRM lookup';

/** A flow that asks the CRM for the caller's tier and greets them by it, with one saved scenario. */
const crmFlow = {
  schemaVersion: 1,
  name: FLOW,
  languages: ['en'],
  variables: [{ name: 'tier', type: 'string' }],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'lookup', type: 'httpRequest', label: 'CRM lookup', position: { x: 250, y: 0 }, data: { url: 'https://crm.example.com/customers', timeoutMs: 2000, responseMapping: [{ variable: 'tier', path: 'customer.tier' }] } },
    { id: 'welcome', type: 'announcement', label: 'Greeting by tier', position: { x: 500, y: -80 }, data: { prompt: { text: { en: 'Hello ${tier} customer.' } } } },
    { id: 'sorry', type: 'announcement', position: { x: 500, y: 80 }, data: { prompt: { text: { en: 'Sorry, we cannot look you up.' } } } },
    { id: 'bye', type: 'hangup', position: { x: 750, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'lookup' },
    { id: 'e2', source: 'lookup', sourceOutlet: 'ok', target: 'welcome' },
    { id: 'e3', source: 'lookup', sourceOutlet: 'error', target: 'sorry' },
    { id: 'e4', source: 'welcome', sourceOutlet: 'next', target: 'bye' },
    { id: 'e5', source: 'sorry', sourceOutlet: 'next', target: 'bye' },
  ],
  scenarios: [
    {
      name: 'Known customer',
      call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' },
      http: [{ url: 'https://crm.example.com/*', status: 200, body: '{"customer":{"tier":"gold"}}' }],
      expect: { visits: ['start', 'lookup', 'welcome', 'bye'], outcome: 'selfServed' },
    },
  ],
};

const panel = (page: Page) => page.getByTestId('simulator-panel');
const callSettingsMocks = (page: Page) => panel(page).locator('details').first().getByRole('group', { name: 'Web service answers', exact: true });
const heard = (page: Page) => page.getByTestId('simulator-transcript').getByTestId('heard');

/**
 * Issue 13: business staff mock web services and edit saved scenarios in forms, not JSON (which stays available).
 */
test.describe.serial('mocks and scenarios edited in forms', () => {
  let flowPath = '';

  test('a publisher imports a flow that looks the caller up in the CRM', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'publisher');
    flowPath = await createFlow(page, FLOW);
    await page.getByTestId('import-document-input').setInputFiles({ name: 'crm.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(crmFlow)) });
    await page.getByRole('button', { name: 'Replace the draft' }).click();
    await expectSaved(page);
    await page.context().close();
  });

  test('a tester mocks the CRM in the call settings form: first it fails, then it answers with a tier', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'tester');
    await page.goto(flowPath);
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    const mocks = callSettingsMocks(page);
    await mocks.getByRole('button', { name: 'Add a mocked answer' }).click();
    const answer = mocks.getByTestId('http-mock');
    await answer.getByLabel('URL (* matches anything)').fill('https://crm.example.com/*');
    await answer.getByLabel('The service').selectOption({ label: 'Fails (network error)' });
    await panel(page).getByRole('button', { name: 'Start test call' }).click();
    await expect(heard(page).first()).toContainText('Sorry, we cannot look you up.');

    await answer.getByLabel('The service').selectOption({ label: 'Answers' });
    await answer.getByRole('button', { name: 'Add a field' }).click();
    await answer.getByLabel('Field 1 (e.g. customer.tier)').fill('customer.tier');
    await answer.getByLabel('Value of field 1').fill('platinum');
    await panel(page).getByRole('button', { name: 'Start again' }).click();
    await expect(heard(page).first()).toContainText('Hello platinum customer.');

    // The same answers as JSON, for those who want it.
    await mocks.getByRole('group', { name: 'Edit Web service answers as' }).getByRole('button', { name: 'JSON' }).click();
    await expect(mocks.getByLabel('Web service answers (JSON)')).toHaveValue(/"body": "\{\\"customer\\":\{\\"tier\\":\\"platinum\\"\}\}"/);
    await page.context().close();
  });

  test('a tester edits the saved scenario in the form — the mocked tier and a variable check — and runs it', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'tester');
    await page.goto(flowPath);
    await page.getByRole('button', { name: 'Test call', exact: true }).click();
    const row = page.getByTestId('scenario').filter({ hasText: 'Known customer' });
    await row.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByTestId('scenario-editor');
    // Steps to pass are listed by their canvas names.
    await expect(editor.getByLabel('Step 2 passed').locator('option:checked')).toHaveText('CRM lookup (lookup)');
    const answer = editor.getByTestId('http-mock');
    await expect(answer.getByLabel('Field 1 (e.g. customer.tier)')).toHaveValue('customer.tier');
    await answer.getByLabel('Value of field 1').fill('silver');
    await answer.getByLabel('HTTP status').fill('2OO');
    await editor.getByRole('button', { name: 'Add a variable to check' }).click();
    await expect(editor.getByLabel('Variable 1', { exact: true })).toHaveValue('tier');
    await editor.getByLabel('Value of variable 1').fill('silver');
    await editor.getByRole('button', { name: 'Save scenario' }).click();
    await expect(editor.getByTestId('form-problems')).toContainText('Web service answers › Answer 1 › HTTP status: must be a whole number');
    await answer.getByLabel('HTTP status').fill('200');
    await editor.getByRole('button', { name: 'Save scenario' }).click();
    const notice = page.getByTestId('scenario-save-notice');
    await expect(notice).toContainText('Scenarios saved');
    const firstSave = await notice.textContent();
    await page.getByRole('button', { name: 'Run all scenarios' }).click();
    await expect(page.getByTestId('scenario-summary')).toHaveText('1 passed, 0 failed');

    // Expect gold instead: the run fails and says so in words.
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect(editor.getByLabel('Value of variable 1')).toHaveValue('silver');
    await editor.getByLabel('Value of variable 1').fill('gold');
    await editor.getByRole('button', { name: 'Save scenario' }).click();
    await expect(notice).toContainText('Scenarios saved');
    await expect(notice).not.toHaveText(firstSave ?? '');
    await page.getByRole('button', { name: 'Run all scenarios' }).click();
    await expect(page.getByTestId('scenario-summary')).toHaveText('0 passed, 1 failed');
    await expect(page.getByTestId('scenario-difference')).toHaveText('Expected variable tier to be "gold", but it is "silver"');
    await page.context().close();
  });
});
