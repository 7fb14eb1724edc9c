import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { because, say, type CallTrace } from '@switchboard/flows';
import { traceLines } from '../app/calls/trace-lines';
import { TraceSummary } from '../app/calls/TraceSummary';
import { TranscriptView } from '../simulator/TranscriptView';
import type { TranscriptLine } from '../simulator/transcript-lines';
import { i18n } from './index';
import { saidText } from './said-text';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

const T = Date.UTC(2026, 11, 25, 10, 0);
const holiday = because('schedule.at', { status: say('schedule.holiday', { holiday: 'Christmas Day' }), time: '2026-12-25T10:00', timezone: 'Europe/London' });

describe('what the interpreter and runtime say, in the UI language', () => {
  it('a schedule decision with nested values in Chinese and in English', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(saidText(i18n.t, holiday.said, holiday.reason)).toBe('休息：节假日 Christmas Day，时间 2026-12-25T10:00（Europe/London）');
    await i18n.changeLanguage('en');
    expect(saidText(i18n.t, holiday.said, holiday.reason)).toBe(holiday.reason);
  });

  it('data stored without an id, or with an id this UI does not know, is shown in its English', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(saidText(i18n.t, undefined, 'pressed 1')).toBe('pressed 1');
    expect(saidText(i18n.t, { id: 'from.a.newer.version' }, 'something new')).toBe('something new');
  });

  it('the transcript says the decision, the call record note and the switch\'s fields in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const end = { kind: 'end', outcome: 'voicemail', flow: 'f', nodeId: 'vm', at: T, reason: 'message recorded', said: { id: 'voicemail.recorded' }, lastExit: null } as const;
    const lines: TranscriptLine[] = [
      { kind: 'decision', at: T, flow: 'f', nodeId: 'hours', nodeType: 'schedule', outlet: 'holiday', reason: holiday.reason, said: holiday.said },
      { kind: 'event', at: T, from: 'switch', type: 'queueExit', fields: [{ name: 'reason', value: 'timeout' }, { name: 'agent', value: 'alice.vip' }, { name: 'brandNew', value: 'x' }] },
      { kind: 'effect', at: T, effect: end, commands: [], note: 'call record: voicemail (message recorded)', noteSaid: { id: 'note.callRecord', params: { outcome: { id: 'outcome.voicemail' }, reason: { id: 'voicemail.recorded' } } } },
    ];
    render(<TranscriptView lines={lines} timezone="Europe/London" showDetails />);
    const transcript = screen.getByTestId('simulator-transcript');
    expect(transcript.textContent).toContain('休息：节假日 Christmas Day');
    expect(transcript.textContent).toContain('离开队列 原因：等待超时 · 坐席：alice.vip · brandNew：x');
    expect(transcript.textContent).toContain('通话记录：语音留言（已录下留言）');
    expect(transcript.textContent).not.toMatch(/took|reason=|call record/);
  });

  it('a real call\'s replay says why each step was left from the ids the runtime kept, and old calls in English', async () => {
    await i18n.changeLanguage('zh-CN');
    const trace: CallTrace = {
      callId: 'c', environment: 'production', address: '+441', flowName: 'f', versionId: 'v', versionNumber: 1, callerNumber: '+44 •••', startedAt: T, endedAt: T + 5000,
      outcome: 'selfServed', endReason: 'flow ended the call', queue: null, calendars: [],
      visits: [
        { sequence: 0, flow: 'f', nodeId: 'menu', nodeType: 'menu', enteredAt: T, outlet: '1', reason: 'pressed 1', detail: { left: { id: 'event.pressed', params: { digits: '1' } } } },
        { sequence: 1, flow: 'f', nodeId: 'old', nodeType: 'announcement', enteredAt: T + 1000, outlet: 'next', reason: 'took next', detail: null },
        { sequence: 2, flow: 'f', nodeId: 'bye', nodeType: 'hangup', enteredAt: T + 2000, outlet: null, reason: null, detail: null },
      ],
    };
    render(<TranscriptView lines={traceLines(trace).map((l) => l.line)} timezone="Europe/London" showDetails />);
    const decisions = screen.getAllByTestId('decision').map((li) => li.textContent);
    expect(decisions[0]).toContain('按了 1');
    expect(decisions[1]).toContain('took next');
  });

  it('a real call\'s end reason in Chinese from the id kept with its last step; without one, the record\'s English', async () => {
    await i18n.changeLanguage('zh-CN');
    const visit = { sequence: 0, flow: 'f', nodeId: 'bye', nodeType: 'hangup', enteredAt: T, outlet: null, reason: null };
    const trace: CallTrace = {
      callId: 'c', environment: 'production', address: '+441', flowName: 'f', versionId: 'v', versionNumber: 1, callerNumber: '+44 •••', startedAt: T, endedAt: T + 5000,
      outcome: 'selfServed', endReason: 'flow ended the call', queue: null, calendars: [], visits: [{ ...visit, detail: { ended: { id: 'hangup.ended' } } }],
    };
    const { unmount } = render(<TraceSummary trace={trace} />);
    expect(screen.getByTestId('trace-endReason').textContent).toContain('流程结束了通话');
    unmount();
    render(<TraceSummary trace={{ ...trace, visits: [{ ...visit, detail: null }] }} />);
    expect(screen.getByTestId('trace-endReason').textContent).toContain('flow ended the call');
  });
});
