import type { Page } from '@playwright/test';
import { expect, pageAs, test } from '../support/fixtures';
import { postTrpc } from '../support/trpc';

/** A number of its own, so other specs' calls never mix into these figures. */
const NUMBER = '+15550177';
const FLOW = 'E2E compare menus';

/** v1 turns every caller away (rejected); v2 serves them and asks them to rate the call 1–5. */
function document(version: 1 | 2) {
  const start = { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } };
  if (version === 1) {
    return {
      schemaVersion: 1,
      name: FLOW,
      description: '',
      languages: ['en'],
      variables: [],
      nodes: [start, { id: 'closed', type: 'hangup', position: { x: 250, y: 0 }, data: { cause: 'CALL_REJECTED' } }],
      edges: [{ id: 'e1', source: 'start', sourceOutlet: 'next', target: 'closed' }],
    };
  }
  return {
    schemaVersion: 1,
    name: FLOW,
    description: '',
    languages: ['en'],
    variables: [],
    nodes: [
      start,
      { id: 'rate', type: 'survey', position: { x: 250, y: 0 }, data: { question: { text: { en: 'Rate us: press 1 for poor, up to 5 for great.' } }, maxRetries: 0, timeoutSeconds: 5 } },
      { id: 'bye', type: 'hangup', position: { x: 500, y: 0 }, data: { cause: 'NORMAL_CLEARING' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'rate' },
      { id: 'e2', source: 'rate', sourceOutlet: 'done', target: 'bye' },
      { id: 'e3', source: 'rate', sourceOutlet: 'noAnswer', target: 'bye' },
    ],
  };
}

/** Places a call through the emulated switch and the real runtime; returns the version it ran. */
async function call(page: Page, baseURL: string, from: string, digits: string[] = []): Promise<number | null> {
  const response = await page.request.post(`${baseURL}/demo/calls`, { data: { to: NUMBER, from, digits }, timeout: 120_000 });
  expect(response.status()).toBe(200);
  return (await response.json()).report.versionNumber;
}

test('a manager compares two versions of a flow side by side: calls, containment and satisfaction per version', async ({ browser, baseURL }) => {
  const admin = await pageAs(browser, baseURL, 'admin');
  const [{ flowId }] = await postTrpc(admin, 'flows.import', { documents: [document(1)] });
  await postTrpc(admin, 'flows.publish', { flowId, message: 'v1: closed' });
  await postTrpc(admin, 'deployments.bind', { address: NUMBER, environment: 'production', flowName: FLOW, reason: 'compare spec' });
  // Two callers on v1 (turned away).
  for (const from of ['+447700900501', '+447700900502']) expect(await call(admin, baseURL, from)).toBe(1);

  await postTrpc(admin, 'flows.import', { documents: [document(2)], replaceOthersDrafts: true });
  await postTrpc(admin, 'flows.publish', { flowId, message: 'v2: served, with a survey' });
  await postTrpc(admin, 'deployments.activate', { address: NUMBER, environment: 'production', versionNumber: 2, reason: 'compare spec' });
  // Three callers on v2, rating 4, 4 and 5: mean 4.3 from 3 ratings. The runtime hears the activation at once;
  // a call placed before that would run v1, so each call says which version it ran.
  const ratings = ['4', '4', '5'];
  for (const [index, digit] of ratings.entries()) {
    await expect(async () => expect(await call(admin, baseURL, `+44770090060${index}`, [digit])).toBe(2)).toPass({ timeout: 30_000 });
  }
  await admin.context().close();

  const page = await pageAs(browser, baseURL, 'publisher');
  await page.getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  // Records are written in batches about once a second: reload until the flow has its five calls.
  await expect(async () => {
    await page.reload();
    await page.getByTestId('filter-flow').selectOption(FLOW, { timeout: 2000 });
    await expect(page.getByTestId('kpi-calls').getByTestId('kpi-value')).toHaveText('5', { timeout: 2000 });
  }).toPass({ timeout: 45_000 });
  await page.getByTestId('breakdown-by').selectOption('version');

  const table = page.getByTestId('breakdown');
  const headers = await table.getByRole('columnheader').allTextContents();
  const column = (name: string) => headers.indexOf(name);
  const figures = async (label: string) => {
    const cells = await table.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) }).getByRole('cell').allTextContents();
    return { calls: cells[column('Calls')], containment: cells[column('Containment')], satisfaction: cells[column('Satisfaction')], ratings: cells[column('Ratings')] };
  };
  await expect(table.getByRole('cell', { name: 'v2', exact: true })).toBeVisible();
  expect(await figures('v1')).toEqual({ calls: '2', containment: '0%', satisfaction: '—', ratings: '0' });
  expect(await figures('v2')).toEqual({ calls: '3', containment: '100%', satisfaction: '4.3 / 5', ratings: '3' });
  await page.context().close();
});
