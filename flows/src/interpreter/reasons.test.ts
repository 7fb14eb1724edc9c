import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '../diagnostics/messages.js';
import { because, isSaid, REASON_MESSAGES, renderSaid, say, type ReasonId } from './reasons.js';

describe('reason messages', () => {
  it('render the English with nested values said first', () => {
    const status = say('schedule.holiday', { holiday: 'Christmas Day' });
    expect(because('schedule.at', { status, time: '2026-12-25T10:00', timezone: 'Europe/London' }).reason).toBe('closed: holiday Christmas Day at 2026-12-25T10:00 Europe/London');
    expect(renderSaid(say('event.queueExit', { reason: say('queueExit.timeout') }))).toBe('queue exit: timeout');
  });

  it('refuse a missing value or an unknown id, so a call site cannot drift from its template', () => {
    expect(() => renderSaid(say('split.bucket', { bucket: 3 }))).toThrow(/needs a value for \{\{buckets\}\}/);
    expect(() => renderSaid({ id: 'nope' })).toThrow(/unknown reason message id "nope"/);
  });

  it('know stored data they can say, and not data from elsewhere', () => {
    for (const id of Object.keys(REASON_MESSAGES) as ReasonId[]) {
      const params = Object.fromEntries(placeholdersOf(REASON_MESSAGES[id]).map((name) => [name, 'x']));
      expect(isSaid(say(id, params)), id).toBe(true);
    }
    expect(isSaid({ id: 'split.bucket', params: { bucket: 1 } })).toBe(false);
    expect(isSaid({ id: 'from.a.newer.version' })).toBe(false);
    expect(isSaid('pressed 1')).toBe(false);
  });
});
