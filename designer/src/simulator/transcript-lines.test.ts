import { ScenarioSchema, Simulation, compileFlow, parseFlowDocument } from '@switchboard/flows';
import { describe, expect, it } from 'vitest';
import holidayHoursJson from '../../../flows/examples/holiday-hours.json';
import { transcriptLines } from './transcript-lines';

function callHolidayHours(over: Record<string, unknown>) {
  const parsed = parseFlowDocument(structuredClone(holidayHoursJson));
  const compiled = parsed.ok ? compileFlow(parsed.document).compiled : undefined;
  const call = Simulation.start(compiled!, ScenarioSchema.parse({ name: 'x', call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' }, ...over }));
  if (!(call instanceof Simulation)) throw new Error(call.error);
  call.runToInput();
  return call;
}

describe('transcript lines', () => {
  it('give each effect the FreeSWITCH commands of the runtime’s own mapping, and what the caller hears', () => {
    const call = callHolidayHours({});
    const lines = transcriptLines(call.transcript);
    const collect = lines.find((line) => line.kind === 'effect' && line.effect.kind === 'collectDigits');
    expect(collect && collect.kind === 'effect' && collect.commands.map((c) => c.text).at(-1)).toMatch(/^execute play_and_get_digits 1 1 1 5000 none 'say:For support, press 1\. To speak to an agent, press 0\.' silence_stream:\/\/250 switchboard_digits/);
    expect(lines.filter((line) => line.kind === 'heard').map((line) => line.kind === 'heard' && line.text)).toEqual(['For support, press 1. To speak to an agent, press 0.']);
  });

  it('mark a set the channel already has, as the runtime skips it', () => {
    const call = callHolidayHours({ queue: { callersWaiting: 12 } });
    call.press('1');
    call.runToInput();
    const sets = transcriptLines(call.transcript).flatMap((line) => (line.kind === 'effect' ? line.commands : [])).filter((c) => c.text === 'execute set tts_engine=flite');
    expect(sets.map((c) => c.repeat)).toEqual([false, true]);
  });

  it('show the caller’s keys and the switch’s answers', () => {
    const call = callHolidayHours({});
    call.press('1');
    call.runToInput();
    const lines = transcriptLines(call.transcript);
    expect(lines.some((line) => line.kind === 'caller' && line.entry.action.action === 'press')).toBe(true);
    expect(lines.find((line) => line.kind === 'event' && line.type === 'queueStatus')).toMatchObject({ from: 'switch', fields: [{ name: 'callersWaiting', value: 0 }, { name: 'agentsLoggedIn', value: 3 }, { name: 'agentsAvailable', value: 0 }, { name: 'estimatedWaitSeconds', value: 60 }] });
  });
});
