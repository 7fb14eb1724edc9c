import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { AnalyticsPage } from './AnalyticsPage';

const kpis = (calls: number, containment: number) => ({
  calls,
  outcomes: { selfServed: Math.round(calls * containment), answeredFromQueue: calls - Math.round(calls * containment) },
  containment,
  ivrAbandonment: 0,
  queueAbandonment: 0.25,
  queued: 4,
  answered: 3,
  averageSpeedOfAnswerSeconds: 45,
  p90SpeedOfAnswerSeconds: 111,
  serviceLevel: 1 / 3,
  serviceLevelSeconds: 20,
  averageHandleTimeSeconds: 120,
  averageDurationSeconds: 80,
  callbacks: { requested: 2, completed: 1, failed: 1, open: 0 },
  callbackSuccessRate: 0.5,
  repeatCallers24h: null,
  repeatCallers7d: 0.1,
  satisfaction: { responses: calls > 10 ? 8 : 0, average: calls > 10 ? 4.25 : null, distribution: calls > 10 ? [0, 1, 1, 1, 5] : [0, 0, 0, 0, 0], secondResponses: calls > 10 ? 2 : 0, secondAverage: calls > 10 ? 3.5 : null },
});

function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

function showPage() {
  return renderWithApi(<AnalyticsPage />, {
    user: users.tester,
    handlers: {
      'flows.list': () => [],
      'analytics.dimensions': () => ({ flows: ['support'], addresses: ['+15550100'], queues: ['support@default'] }),
      'analytics.kpis': (input) => ({ current: kpis(14, 0.5), previous: (input as { compareWith?: unknown }).compareWith ? kpis(2, 1) : null }),
      'analytics.series': () => [
        { start: '2026-12-01T00:00:00.000Z', calls: 10, selfServed: 5, answered: 3, abandonedInIvr: 1, abandonedInQueue: 1 },
        { start: '2026-12-02T00:00:00.000Z', calls: 4, selfServed: 2, answered: 2, abandonedInIvr: 0, abandonedInQueue: 0 },
      ],
      'analytics.breakdown': (input) =>
        (input as { by: string }).by === 'version'
          ? [{ key: '11111111-2222-4333-8444-555555555555', label: 'v3', ...kpis(14, 0.5) }]
          : [{ key: 'support', label: 'support', ...kpis(14, 0.5) }],
    },
  });
}

describe('analytics dashboard', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('shows each KPI with the period before, the chart, how calls ended and the breakdown', async () => {
    showPage();
    const calls = await screen.findByTestId('kpi-calls');
    expect(within(calls).getByTestId('kpi-value').textContent).toBe('14');
    expect(within(calls).getByTestId('kpi-before').textContent).toBe('before: 2');
    expect(within(screen.getByTestId('kpi-containment')).getByTestId('kpi-value').textContent).toBe('50%');
    expect(within(screen.getByTestId('kpi-asa')).getByTestId('kpi-value').textContent).toBe('45 sec');
    expect(within(screen.getByTestId('kpi-p90')).getByTestId('kpi-value').textContent).toBe('1 min 51 sec');
    expect(screen.getByTestId('kpi-serviceLevel').textContent).toContain('Answered within 20 s33.3%');
    expect(within(screen.getByTestId('kpi-repeat24h')).getByTestId('kpi-value').textContent).toBe('—');
    expect(within(await screen.findByTestId('outcome-selfServed')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Self-served', '7', '50%']);
    expect(within(await screen.findByTestId('breakdown-support')).getAllByRole('cell')[1]?.textContent).toBe('14');
    expect(await screen.findByTestId('calls-chart')).toBeTruthy();
  });

  it('compares versions side by side with their satisfaction next to the other figures', async () => {
    showPage();
    await screen.findByTestId('breakdown-support');
    await userEvent.selectOptions(screen.getByTestId('breakdown-by'), 'version');
    const row = await screen.findByTestId('breakdown-11111111-2222-4333-8444-555555555555');
    const headers = within(screen.getByTestId('breakdown')).getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers.slice(-2)).toEqual(['Satisfaction', 'Ratings']);
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['v3', '14', '50%', '0%', '25%', '45 sec', '33.3%', '2 min', '4.3 / 5', '8']);
  });

  it('shows the satisfaction average and how many callers gave each rating', async () => {
    showPage();
    const satisfaction = await screen.findByTestId('kpi-satisfaction');
    expect(within(satisfaction).getByTestId('kpi-value').textContent).toBe('4.3 / 5');
    // The period before had no ratings: no average, not zero.
    expect(within(satisfaction).getByTestId('kpi-before').textContent).toBe('before: —');
    expect(within(screen.getByTestId('kpi-surveyResponses')).getByTestId('kpi-value').textContent).toBe('8');
    expect(within(await screen.findByTestId('satisfaction-5')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['5', '5', '62.5%']);
    expect(screen.getByTestId('satisfaction-second').textContent).toBe('Second question: 3.5 / 5 from 2 ratings.');
  });

  it('asks for the period before only while comparing, and for the filters chosen', async () => {
    const { log } = showPage();
    await screen.findByTestId('kpi-calls');
    await userEvent.selectOptions(screen.getByTestId('filter-compare'), 'none');
    await userEvent.selectOptions(await screen.findByTestId('filter-flow'), 'support');
    await waitFor(() => expect(screen.queryByTestId('kpi-before')).toBeNull());
    const last = log.calls.filter((call) => call.path === 'analytics.kpis').at(-1)?.input as Record<string, unknown>;
    expect(last).toMatchObject({ environment: 'production', flowName: 'support', serviceLevelSeconds: 20 });
    expect(last.compareWith).toBeUndefined();
  });

  it('downloads every table as CSV', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => (created.push(blob), 'blob:csv'));
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    showPage();
    await screen.findByTestId('breakdown-support');
    await userEvent.selectOptions(screen.getByTestId('breakdown-by'), 'version');
    await screen.findByText('v3');
    for (const name of ['calls-by-day.csv', 'outcomes.csv', 'by-version.csv']) await userEvent.click(screen.getByTestId(`csv-${name}`));
    expect(clicked).toHaveBeenCalledTimes(3);
    const texts = await Promise.all(created.map(readText));
    expect(texts[0]).toContain('"Day (start, UTC)",Calls,Self-served,Answered by an agent,Hung up in the IVR,Abandoned in a queue\r\n2026-12-01T00:00:00.000Z,10,5,3,1,1\r\n');
    expect(texts[1]).toContain('Outcome,Calls,Share\r\nselfServed,7,0.5000\r\n');
    expect(texts[2]).toMatch(/^\uFEFF?Name,Calls,Containment,.*\r\nv3,14,0\.5,/);
    vi.unstubAllGlobals();
    clicked.mockRestore();
  });

  it('in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    showPage();
    const calls = await screen.findByTestId('kpi-calls');
    expect(calls.textContent).toContain('来电');
    expect(within(calls).getByTestId('kpi-before').textContent).toBe('之前：2');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('数据分析');
  });
});
