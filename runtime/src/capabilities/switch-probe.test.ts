import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModuleExists, parseQueueList, probeSwitch, SwitchReplyError } from './switch-probe.js';

/** The real switch's replies (esl-emulator/fixtures/switch-capabilities), keyed by the command that got them. */
const transcript = JSON.parse(readFileSync(new URL('../../../esl-emulator/fixtures/switch-capabilities/transcript.json', import.meta.url), 'utf8')) as Array<{
  dir: 'sent' | 'received';
  data: string;
}>;
const replies = transcript.flatMap((block, index) => {
  const next = transcript[index + 1];
  if (block.dir !== 'sent' || !block.data.startsWith('api ') || !next) return [];
  return [{ command: block.data.slice(4).trim(), body: next.data.slice(next.data.indexOf('\n\n') + 2) }];
});

describe('reading the switch replies', () => {
  it('reads module_exists true/false exactly as the switch sends them (no newline)', () => {
    const voicemail = replies.find((r) => r.command === 'module_exists mod_voicemail');
    const callcenter = replies.find((r) => r.command === 'module_exists mod_callcenter');
    expect(voicemail?.body).toBe('false');
    expect(parseModuleExists('mod_voicemail', voicemail?.body ?? '')).toBe(false);
    expect(parseModuleExists('mod_callcenter', callcenter?.body ?? '')).toBe(true);
    expect(() => parseModuleExists('mod_x', '-ERR no reply')).toThrow(SwitchReplyError);
    expect(() => parseModuleExists('mod_x', '-ERR no reply')).toThrow(/module_exists mod_x/);
  });

  it('reads the queue names from the real queue list table, and null when mod_callcenter is gone', () => {
    const lists = replies.filter((r) => r.command === 'callcenter_config queue list');
    expect(parseQueueList(lists[0]?.body ?? '')).toEqual(['support@default', 'sales']);
    expect(parseQueueList(lists[1]?.body ?? '')).toBeNull();
    expect(parseQueueList(lists[2]?.body ?? '')).toEqual(['support@default', 'sales']);
    expect(parseQueueList('name|strategy\n+OK\n')).toEqual([]);
    expect(() => parseQueueList('something else')).toThrow(/callcenter_config queue list: expected a table/);
  });

  it('probes each module and the queues through one api function', async () => {
    const asked: string[] = [];
    // The first answer to each command: the switch as recorded before mod_callcenter was unloaded.
    const byCommand = new Map([...replies].reverse().map((r) => [r.command, r.body]));
    const capabilities = await probeSwitch(async (command) => {
      asked.push(command);
      return byCommand.get(command) ?? 'false';
    }, ['mod_callcenter', 'mod_voicemail']);
    expect(asked).toEqual(['module_exists mod_callcenter', 'module_exists mod_voicemail', 'callcenter_config queue list']);
    expect(capabilities).toEqual({ modules: { mod_callcenter: true, mod_voicemail: false }, queues: ['sales', 'support@default'] });
  });
});
