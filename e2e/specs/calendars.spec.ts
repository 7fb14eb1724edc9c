import { fileURLToPath } from 'node:url';
import { expectSaved, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

const ICS = fileURLToPath(new URL('../../flows/test/fixtures/calendars/china-2027.ics', import.meta.url));

/**
 * A manager (publisher) imports the 2027 Chinese holiday calendar from an .ics file, sees what was understood before
 * saving, names it in the holiday line's schedule, and a test call on a festival day takes the holiday branch,
 * the transcript naming the calendar revision that decided.
 */
test('a manager imports a calendar and a test call on a festival day takes the holiday branch', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL, 'publisher');
  await page.goto('/calendars');
  await page.getByLabel('iCalendar file (.ics)').setInputFiles(ICS);
  const understood = page.getByTestId('ics-understood');
  await expect(understood).toContainText('春节 Spring Festival: closed 2027-02-06 – 2027-02-13');
  await expect(understood).toContainText("make-up working day 2027-02-20 (monday's hours)");
  await expect(page.getByTestId('ics-warnings')).toContainText('line 163');
  await page.getByTestId('ics-import').getByLabel('Name').fill('CN-2027');
  await page.getByRole('button', { name: 'Save as new calendar “CN-2027”' }).click();
  await expect(page.getByRole('heading', { name: 'CN-2027 (revision 1)' })).toBeVisible();
  await expect(page.getByTestId('calendar-entries').getByRole('row')).toHaveCount(12);

  await page.goto('/');
  await createFlow(page, 'E2E calendar line', { example: 'Holiday hours', firstNode: 'holidayMessage' });
  await node(page, 'hours').click();
  const picker = page.getByLabel('Add calendar');
  await picker.fill('CN-2027');
  await page.getByRole('button', { name: 'Add calendar' }).click();
  await expect(page.getByTestId('schedule-calendars')).toContainText('CN-2027');
  await expectSaved(page);

  await page.getByRole('button', { name: 'Test call', exact: true }).click();
  const panel = page.getByTestId('simulator-panel');
  await expect(panel.getByTestId('calendar-notice')).toContainText('CN-2027 rev 1');
  if (!(await panel.getByLabel('Date').isVisible())) await panel.getByText('Call settings').click();
  // Tuesday 9 February 2027, 10:00 in London (18:00 in Shanghai): an ordinary weekday, but the Spring Festival.
  await panel.getByLabel('Date').fill('2027-02-09');
  await panel.getByLabel('Time', { exact: true }).fill('10:00');
  await panel.getByRole('button', { name: /^(Start test call|Start again)$/ }).click();
  await expect(panel.getByTestId('schedule-decision')).toContainText('Schedule hours took “Holiday”: holiday: 春节 Spring Festival (calendar CN-2027 rev 1)');
  await expect(panel.getByTestId('heard').first()).toContainText('We are closed for the holiday');
  await expect(node(page, 'holidayMessage')).toHaveClass(/sb-highlight--visited/);

  // A week later the weekly hours decide again.
  await panel.getByLabel('Date').fill('2027-02-16');
  await panel.getByRole('button', { name: 'Start again' }).click();
  await expect(panel.getByTestId('schedule-decision')).toContainText('Schedule hours took “Open”');
  await page.context().close();
});
