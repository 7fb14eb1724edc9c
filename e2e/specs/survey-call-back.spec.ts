import { expect, pageAs, test } from '../support/fixtures';
import { postTrpc } from '../support/trpc';

const FLOW = 'E2E survey call-back';
const OFFER = 'May we call you back after this call for a short survey? Press 1 for yes.';
const FIRST = 'How satisfied are you with your call? Press 1 for not at all, up to 5 for very satisfied.';
const SECOND = 'Was your problem solved? Press 1 for no, up to 5 for completely.';

/** Start → a survey offered as a call-back 2 minutes after the call (two questions) → goodbye. */
const document = {
  schemaVersion: 1,
  name: FLOW,
  description: '',
  languages: ['en'],
  variables: [],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } },
    {
      id: 'survey',
      type: 'survey',
      position: { x: 250, y: 0 },
      data: { mode: 'callBack', callBackDelayMinutes: 2, callBackOffer: { text: { en: OFFER } }, question: { text: { en: FIRST } }, secondQuestion: { text: { en: SECOND } }, maxRetries: 0, timeoutSeconds: 5 },
    },
    { id: 'bye', type: 'hangup', position: { x: 500, y: 0 }, data: { cause: 'NORMAL_CLEARING' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'survey' },
    { id: 'e2', source: 'survey', sourceOutlet: 'done', target: 'bye' },
    { id: 'e3', source: 'survey', sourceOutlet: 'noAnswer', target: 'bye' },
  ],
};

/**
 * A tester plays the caller of a survey call-back in the browser: the test call accepts the offer and ends, the
 * call-back is booked; the tester declines it once, takes the next attempt and rates 4 and 2; the call-back's
 * transcript and outcome show the ratings that count for the call.
 */
test('a tester takes the survey call-back in the simulator and rates the call', async ({ browser, baseURL }) => {
  const admin = await pageAs(browser, baseURL, 'admin');
  const [{ flowId }] = await postTrpc(admin, 'flows.import', { documents: [document] });
  await admin.context().close();

  const page = await pageAs(browser, baseURL, 'tester');
  await page.goto(`/flows/${flowId}`);
  await page.getByRole('button', { name: 'Test call', exact: true }).click();
  const panel = page.getByTestId('simulator-panel');
  await panel.getByRole('button', { name: 'Start test call' }).click();
  await expect(page.getByTestId('simulator-transcript').first()).toContainText(OFFER);
  await panel.getByRole('group', { name: 'Phone keypad' }).getByRole('button', { name: 'Key 1' }).click();
  await expect(page.getByTestId('simulator-status')).toContainText('Call ended');

  // Booked: the switch will ring the caller back two minutes after the call.
  const callBack = panel.getByTestId('survey-call-back');
  await expect(callBack.getByRole('status')).toContainText(/The switch calls \+447700900123 back for the survey at .*\(attempt 1 of 3\)/);
  await callBack.getByRole('button', { name: 'Decline' }).click();
  await expect(callBack.getByRole('status')).toContainText(/Declined: the switch tries again at .*\(attempt 2 of 3\)/);
  await callBack.getByRole('button', { name: 'Ring again' }).click();
  await callBack.getByRole('button', { name: 'Answer' }).click();

  await expect(callBack.getByTestId('simulator-transcript')).toContainText(FIRST);
  const keypad = callBack.getByRole('group', { name: 'Phone keypad' });
  await keypad.getByRole('button', { name: 'Key 4' }).click();
  await expect(callBack.getByTestId('simulator-transcript')).toContainText(SECOND);
  await keypad.getByRole('button', { name: 'Key 2' }).click();
  await expect(callBack.getByTestId('simulator-transcript')).toContainText('call record: survey question 1 rated 4');
  await expect(callBack.getByTestId('simulator-transcript')).toContainText('call record: survey question 2 rated 2');
  await expect(callBack.getByTestId('survey-call-back-outcome')).toHaveText('Ratings for the call that booked it: question 1: 4, question 2: 2');
  await expect(callBack).toContainText('Survey call-back ended');
  await page.context().close();
});
