import type { FlowDocument } from '@switchboard/flows';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import { SimulatorPanel } from './SimulatorPanel';

const OFFER = 'May we call you back after this call for a short survey? Press 1 for yes.';
const FIRST = 'How satisfied are you with your call? Press 1 for not at all, up to 5 for very satisfied.';
const SECOND = 'Was your problem solved? Press 1 for no, up to 5 for completely.';

/** Start → survey offered as a call-back 2 minutes after the call (two questions) → goodbye. */
function surveyByCallBack(): FlowDocument {
  return {
    schemaVersion: 1,
    name: 'Survey by call-back',
    description: '',
    languages: ['en'],
    variables: [],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } },
      {
        id: 'survey',
        type: 'survey',
        position: { x: 0, y: 100 },
        data: { mode: 'callBack', callBackDelayMinutes: 2, callBackOffer: { text: { en: OFFER } }, question: { text: { en: FIRST } }, secondQuestion: { text: { en: SECOND } }, maxRetries: 0, timeoutSeconds: 5, callBackAcceptKey: '1' },
      },
      { id: 'bye', type: 'hangup', position: { x: 0, y: 200 }, data: { cause: 'NORMAL_CLEARING' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'survey' },
      { id: 'e2', source: 'survey', sourceOutlet: 'done', target: 'bye' },
      { id: 'e3', source: 'survey', sourceOutlet: 'noAnswer', target: 'bye' },
    ],
  } as unknown as FlowDocument;
}

function show() {
  render(
    <I18nextProvider i18n={i18n}>
      <SimulatorPanel now={() => Date.parse('2026-11-23T10:00:00Z')} document={surveyByCallBack()} onHighlights={vi.fn()} />
    </I18nextProvider>,
  );
}

/** Starts the test call from a dialable number and accepts the survey call-back offer; the call ends. */
function bookTheCallBack() {
  show();
  fireEvent.change(screen.getByLabelText('Caller number'), { target: { value: '+441632960000' } });
  fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
  fireEvent.click(within(screen.getByRole('group', { name: 'Phone keypad' })).getByRole('button', { name: 'Key 1' }));
  return screen.getByTestId('survey-call-back');
}

describe('survey call-back in the simulator panel', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('the tester answers the call-back as the caller, rates 4 and 2, and sees the ratings that count for the call', () => {
    const callBack = bookTheCallBack();
    expect(screen.getByTestId('simulator-status').textContent).toContain('Call ended');
    expect(within(callBack).getByRole('status').textContent).toMatch(/The switch calls \+441632960000 back for the survey at 10:02:0\d .*\(attempt 1 of 3\)/);
    fireEvent.click(within(callBack).getByRole('button', { name: 'Answer' }));
    const heard = () => within(callBack).getAllByTestId('heard').map((line) => line.textContent ?? '');
    expect(heard().join('\n')).toContain(FIRST);
    fireEvent.click(within(within(callBack).getByRole('group', { name: 'Phone keypad' })).getByRole('button', { name: 'Key 4' }));
    expect(heard().join('\n')).toContain(SECOND);
    expect(within(callBack).getByTestId('survey-call-back-outcome').textContent).toBe('Ratings for the call that booked it: question 1: 4');
    // Typed on the panel, as on the test call's keypad.
    fireEvent.keyDown(screen.getByTestId('simulator-panel'), { key: '2' });
    expect(within(callBack).getByTestId('survey-call-back-outcome').textContent).toBe('Ratings for the call that booked it: question 1: 4, question 2: 2');
    expect(within(callBack).getByText('Survey call-back ended')).toBeTruthy();
    // The main call's keypad stays off: the keys went to the call-back only.
    expect(within(screen.getAllByRole('group', { name: 'Phone keypad' })[0]!).getByRole('button', { name: 'Key 4' }).hasAttribute('disabled')).toBe(true);
  });

  it('declined, then not answered: rings again 2 and then 4 minutes later, and fails after the third attempt with no rating', () => {
    const callBack = bookTheCallBack();
    fireEvent.click(within(callBack).getByRole('button', { name: 'Decline' }));
    expect(within(callBack).getByRole('status').textContent).toMatch(/^Declined: the switch tries again at 10:04:0\d .*\(attempt 2 of 3\)\.$/);
    fireEvent.click(within(callBack).getByRole('button', { name: 'Ring again' }));
    expect(within(callBack).getByRole('status').textContent).toContain('(attempt 2 of 3)');
    fireEvent.click(within(callBack).getByRole('button', { name: 'Let it ring' }));
    expect(within(callBack).getByRole('status').textContent).toMatch(/^Not answered after ringing 45 s: the switch tries again at 10:08:5\d .*\(attempt 3 of 3\)\.$/);
    fireEvent.click(within(callBack).getByRole('button', { name: 'Ring again' }));
    fireEvent.click(within(callBack).getByRole('button', { name: 'Let it ring' }));
    expect(within(callBack).getByTestId('survey-call-back-outcome').textContent).toBe('Not answered 3 times: the survey call-back failed (NO_ANSWER). No rating for the call.');
    expect(within(callBack).queryByRole('button', { name: 'Answer' })).toBeNull();
  });

  it('speaks Chinese in the Chinese UI', async () => {
    await i18n.changeLanguage('zh-CN');
    show();
    fireEvent.change(screen.getByLabelText('来电号码'), { target: { value: '+441632960000' } });
    fireEvent.click(screen.getByRole('button', { name: '开始测试呼叫' }));
    fireEvent.click(within(screen.getByRole('group', { name: i18n.t('simulator.keypad.label') })).getByRole('button', { name: i18n.t('simulator.keypad.key', { key: '1' }) }));
    const callBack = screen.getByTestId('survey-call-back');
    expect(within(callBack).getByRole('heading').textContent).toBe('满意度调查回拨');
    fireEvent.click(within(callBack).getByRole('button', { name: '拒接' }));
    expect(within(callBack).getByRole('status').textContent).toMatch(/^已拒接：交换机将于 .* 再试（第 2 次，共 3 次）。$/);
  });
});
