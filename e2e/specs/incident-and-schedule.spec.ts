import { expect, pageAs, test } from '../support/fixtures';

const MAIN_MENU = '+15550100';

/**
 * A manager (publisher) on the numbers page: switches the incident override on for every production number and
 * off again, then schedules the holiday flow on the main-menu number and finds it in that number's timeline.
 */
test('a manager switches the incident override on and off, and schedules the holiday flow on a number', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL, 'publisher');
  await page.getByRole('link', { name: 'Numbers' }).click();
  const row = page.getByTestId(`binding-production-${MAIN_MENU}`);
  await expect(row.getByTestId('binding-incident')).toContainText('Off');

  await page.getByTestId('incident-production-all').getByRole('button', { name: 'Switch on for production…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Switch on an incident override for every number in Production');
  await expect(dialog.getByRole('button', { name: 'Switch on', exact: true })).toBeDisabled();
  await dialog.getByLabel('Why (recorded in the audit log)').fill('Network outage in the call centre');
  await dialog.getByRole('button', { name: 'Switch on', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('binding-incident')).toContainText('Emergency routing (all numbers) — Network outage in the call centre');

  await page.getByTestId('incident-production-all').getByRole('button', { name: 'Switch off for production…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Switch off', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(row.getByTestId('binding-incident')).toContainText('Off');

  await row.getByRole('button', { name: 'Schedule…' }).click();
  const schedule = page.getByRole('dialog');
  await expect(schedule).toContainText('Times are in Europe/London');
  await schedule.getByLabel('Flow').selectOption('Holiday hours');
  await schedule.getByLabel(/Goes live at/).fill('2099-12-24T00:00');
  await schedule.getByLabel(/Goes back at/).fill('2099-12-27T00:00');
  await schedule.getByLabel('Why (optional)').fill('Christmas');
  await schedule.getByRole('button', { name: 'Schedule', exact: true }).click();
  const timeline = schedule.getByTestId('schedule-timeline');
  await expect(timeline).toContainText('Holiday hours v1 from 2099-12-24 00:00 to 2099-12-27 00:00');
  await expect(timeline).toContainText('Main menu v1 from 2099-12-27 00:00 onwards');
  await expect(schedule.getByTestId('schedules')).toContainText('Waiting');
  await page.context().close();
});
