import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { runApiCommand } from './api-commands.js';

/** Recorded from FreeSWITCH 1.10.12 running `fixtures/switch-capabilities/freeswitch.xml` (see record.ts there). */
const transcript = JSON.parse(readFileSync(new URL('../../fixtures/switch-capabilities/transcript.json', import.meta.url), 'utf8')) as Array<{
  dir: 'sent' | 'received';
  data: string;
}>;

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Reads whole ESL frames (headers, blank line, Content-Length body) from a socket, as raw text. */
function frameReader(socket: Socket): () => Promise<string> {
  let buffer = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake?.();
  });
  return async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const length = /^Content-Length: (\d+)$/m.exec(buffer.subarray(0, end).toString('utf8'));
        const total = end + 2 + (length ? Number(length[1]) : 0);
        if (buffer.length >= total) {
          const frame = buffer.subarray(0, total).toString('utf8');
          buffer = buffer.subarray(total);
          return frame;
        }
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
}

describe('module_exists and callcenter_config queue list, as the real switch answers them', () => {
  it('replays the recorded session byte for byte: modules loaded and not, the queue table, and the command gone with mod_callcenter', async () => {
    emulator = await startEmulator({
      modules: ['mod_logfile', 'mod_event_socket', 'mod_commands', 'mod_dptools', 'mod_sndfile', 'mod_loopback', 'mod_callcenter'],
      queues: {
        'support@default': {
          strategy: 'longest-idle-agent',
          mohSound: 'tone_stream://%(1000,4000,440)',
          timeBaseScore: 'system',
          tierRuleWaitSeconds: 300,
          tierRuleWaitMultiplyLevel: true,
          tierRuleNoAgentNoWait: false,
        },
        sales: { strategy: 'ring-all', mohSound: 'local_stream://moh' },
      },
    });
    const socket = connect(emulator.inboundPort, '127.0.0.1');
    const nextFrame = frameReader(socket);
    const received: string[] = [];
    const expected: string[] = [];
    for (const block of transcript) {
      if (block.dir === 'sent') socket.write(block.data);
      else {
        expected.push(block.data);
        received.push(await nextFrame());
      }
    }
    socket.destroy();
    expect(received).toEqual(expected);
    // The recording covers every answer the runtime parses.
    expect(expected.join('')).toContain('\n\nfalse');
    expect(expected.join('')).toContain('support@default|longest-idle-agent|');
    expect(expected.join('')).toContain('-ERR callcenter_config Command not found!');
  });

  it('lists an empty queue table when mod_callcenter has no queues, and knows every module by default', async () => {
    emulator = await startEmulator();
    expect(await runApiCommand(emulator, 'callcenter_config queue list')).toMatch(/^name\|strategy\|[^\n]*agent_no_answer_status\n\+OK\n$/);
    for (const module of ['mod_callcenter', 'mod_voicemail', 'mod_flite', 'mod_local_stream', 'mod_sndfile', 'mod_loopback', 'mod_sofia']) {
      expect(await runApiCommand(emulator, `module_exists ${module}`)).toBe('true');
    }
    expect(await runApiCommand(emulator, 'module_exists mod_nonesuch')).toBe('false');
    // Seen on the real switch with fs_cli: a module it cannot load, and unloading one that is not loaded.
    expect(await runApiCommand(emulator, 'load mod_nonesuch')).toBe('+OK Reloading XML\n-ERR [module load file routine returned an error]\n');
    expect(await runApiCommand(emulator, 'unload mod_voicemail')).toBe('+OK\n');
    expect(await runApiCommand(emulator, 'unload mod_voicemail')).toBe('-ERR [No such module!]\n');
    expect(await runApiCommand(emulator, 'module_exists mod_voicemail')).toBe('false');
  });
});
