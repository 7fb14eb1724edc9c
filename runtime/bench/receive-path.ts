/**
 * Where the runtime's time goes between a completion's bytes arriving and the next command leaving, without a
 * switch, a kernel or other processes in the way (`pnpm --filter @switchboard/runtime bench:receive`; profile it
 * with `node --cpu-prof --import tsx bench/receive-path.ts`). One CallSession runs the benchmark's prompt
 * chain against an in-memory socket that answers each `playback` with FreeSWITCH 1.10.12's own bytes for
 * CHANNEL_EXECUTE and CHANNEL_EXECUTE_COMPLETE (templates below, from a recorded session), each event written
 * as FreeSWITCH writes it: its header block and its body as two chunks. The bare client (raw-outbound.ts) runs
 * against the same socket for comparison. Prints CPU µs per prompt; asserts nothing.
 *
 * BENCH_GAP_MS=20 answers each app after 20 ms (a timer) instead of at once: the pace of the real switch, where
 * each completion finds the process idle and its caches cold. Measured so (2 cores, other work running): the bare
 * client's CPU per prompt rose from about 20–40 µs to 400–500 µs and the runtime's from about 40–100 µs to
 * 700–1,200 µs, which is the real-switch bench's picture (in-process 90 µs bare, 400 µs runtime). What the runtime
 * loses on a real switch is mostly code and memory touched per step running cold, not work a hot loop shows.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { pino } from 'pino';
import { CallSession } from '../src/call/session.js';
import { FlowRegistry } from '../src/registry/registry.js';
import { FakeDeploymentFeed, FakeVersionSource } from '../src/testing/fakes.js';
import { compiledFlow, liveVersion } from '../src/testing/flows.js';
import { serveRawCall } from './raw-outbound.js';
import { benchSessionDependencies } from './session-deps.js';

const PROMPTS = Number(process.env['BENCH_PROMPTS'] ?? 5000);
const GAP_MS = Number(process.env['BENCH_GAP_MS'] ?? 0);
const CALL = '9d8685dd-d3d2-4cb6-b1a2-bc943b41e25a';

/** The channel headers FreeSWITCH 1.10.12 puts on every event of a loopback b-leg (recorded, URL-encoded as sent). */
const CHANNEL = `Core-UUID: dc60a92b-23fe-430c-b3ce-0d0e65356a95
FreeSWITCH-Hostname: vm
FreeSWITCH-Switchname: vm
FreeSWITCH-IPv4: 192.0.2.2
FreeSWITCH-IPv6: fd00%3A%3A2
Event-Date-Local: 2026-11-23%2011%3A18%3A09
Event-Date-GMT: Mon,%2023%20Nov%202026%2011%3A18%3A09%20GMT
Event-Date-Timestamp: 1795432689112345
Event-Calling-File: switch_core_session.c
Event-Calling-Function: switch_core_session_exec
Event-Calling-Line-Number: 2967
Event-Sequence: 7911
Channel-State: CS_EXECUTE
Channel-Call-State: ACTIVE
Channel-State-Number: 4
Channel-Name: loopback/spin-b
Unique-ID: ${CALL}
Call-Direction: inbound
Presence-Call-Direction: inbound
Channel-HIT-Dialplan: true
Channel-Call-UUID: ${CALL}
Answer-State: answered
Channel-Read-Codec-Name: L16
Channel-Read-Codec-Rate: 8000
Channel-Read-Codec-Bit-Rate: 128000
Channel-Write-Codec-Name: L16
Channel-Write-Codec-Rate: 8000
Channel-Write-Codec-Bit-Rate: 128000
Caller-Direction: inbound
Caller-Logical-Direction: inbound
Caller-Dialplan: xml
Caller-Caller-ID-Number: 0000000000
Caller-Orig-Caller-ID-Number: 0000000000
Caller-Callee-ID-Name: Outbound%20Call
Caller-Callee-ID-Number: default
Caller-ANI: 0000000000
Caller-Destination-Number: spin
Caller-Unique-ID: ${CALL}
Caller-Source: mod_loopback
Caller-Context: bench
Caller-Channel-Name: loopback/spin-b
Caller-Profile-Index: 1
Caller-Profile-Created-Time: 1795432689071830
Caller-Channel-Created-Time: 1795432689071830
Caller-Channel-Answered-Time: 1795432689091767
Caller-Channel-Progress-Time: 0
Caller-Channel-Progress-Media-Time: 0
Caller-Channel-Hangup-Time: 0
Caller-Channel-Transfer-Time: 0
Caller-Channel-Resurrect-Time: 0
Caller-Channel-Bridged-Time: 0
Caller-Channel-Last-Hold: 0
Caller-Channel-Hold-Accum: 0
Caller-Screen-Bit: true
Caller-Privacy-Hide-Name: false
Caller-Privacy-Hide-Number: false
variable_direction: inbound
variable_uuid: ${CALL}
variable_session_id: 269
variable_channel_name: loopback/spin-b
variable_read_codec: L16
variable_read_rate: 8000
variable_write_codec: L16
variable_write_rate: 8000
variable_other_loopback_leg_uuid: 2a7c9d49-8d2f-4b8e-9f0e-3f0c7c1b3e11
variable_loopback_leg: B
variable_DP_MATCH: ARRAY%3A%3Aspin%7C%3Aspin
variable_call_uuid: ${CALL}
variable_socket_resume: true
variable_current_application_data: 127.0.0.1%3A9090%20async%20full
variable_current_application: socket
variable_socket_host: 127.0.0.1
variable_playback_terminators: none
variable_playback_seconds: 0
variable_playback_ms: 1
variable_playback_samples: 8
variable_current_application_response: FILE%20PLAYED
`;

const frame = (body: string): [string, string] => [`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n`, body];
const executeEvent = (name: string, app: string, arg: string, uuid: string, response?: string): [string, string] =>
  frame(`Event-Name: ${name}\n${CHANNEL}Application: ${app}\nApplication-Data: ${encodeURIComponent(arg)}\n${response === undefined ? '' : `Application-Response: ${encodeURIComponent(response)}\n`}Application-UUID: ${uuid}\n\n`);

/** An outbound socket whose other end is a scripted FreeSWITCH answering every app at once. */
class ScriptedSocket extends EventEmitter {
  writes = 0;
  private pending = '';
  setNoDelay(): this {
    return this;
  }
  cork(): void {}
  uncork(): void {}
  end(): this {
    queueMicrotask(() => this.emit('close'));
    return this;
  }
  destroy(): this {
    queueMicrotask(() => this.emit('close'));
    return this;
  }
  write(chunk: string | Uint8Array): boolean {
    this.writes++;
    this.pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    for (let end = this.pending.indexOf('\n\n'); end >= 0; end = this.pending.indexOf('\n\n')) {
      const command = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 2);
      this.answer(command);
    }
    return true;
  }
  /** Bytes FreeSWITCH sends, one chunk per write of its own, each in a later turn of the event loop. */
  private send(chunks: string[]): void {
    const go = () => {
      for (const chunk of chunks) this.emit('data', Buffer.from(chunk, 'latin1'));
    };
    if (GAP_MS > 0) setTimeout(go, GAP_MS);
    else setImmediate(go);
  }
  private answer(command: string): void {
    const reply = (text: string) => `Content-Type: command/reply\nReply-Text: ${text}\n\n`;
    if (command === 'connect') return this.send([`Event-Name: CHANNEL_DATA\n${CHANNEL}Content-Type: command/reply\nReply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n`]);
    if (command === 'myevents') return this.send([reply('+OK Events Enabled')]);
    if (command.startsWith('linger')) return this.send([reply('+OK will linger')]);
    if (command === 'exit') {
      this.send([reply('+OK bye')]);
      return void setImmediate(() => this.emit('close'));
    }
    const field = (name: string) => new RegExp(`(?:^|\\n)${name}: ([^\\n]*)`).exec(command)?.[1] ?? '';
    const app = field('execute-app-name');
    const arg = field('execute-app-arg');
    const uuid = field('Event-UUID');
    this.send([reply('+OK'), ...executeEvent('CHANNEL_EXECUTE', app, arg, uuid), ...executeEvent('CHANNEL_EXECUTE_COMPLETE', app, arg, uuid, app === 'playback' ? 'FILE PLAYED' : '_none_')]);
    if (app === 'hangup') this.send([...frame(`Event-Name: CHANNEL_HANGUP_COMPLETE\n${CHANNEL}Hangup-Cause: NORMAL_CLEARING\n\n`)]);
  }
}

function spinFlow(prompts: number) {
  const prompt = { text: { en: 'x' }, audio: 'silence_stream://1' };
  return compiledFlow(
    'Spin',
    [{ id: 'start', type: 'start' }, ...Array.from({ length: prompts }, (_, index) => ({ id: `p${index}`, type: 'announcement', data: { prompt } })), { id: 'bye', type: 'hangup' }],
    ['start:next->p0', ...Array.from({ length: prompts - 1 }, (_, index) => `p${index}:next->p${index + 1}`), `p${prompts - 1}:next->bye`],
  );
}

const logger = pino({ level: 'silent' });
const registry = new FlowRegistry({ source: new FakeVersionSource([liveVersion('spin', spinFlow(PROMPTS))]), environment: 'production', logger });
await registry.start(new FakeDeploymentFeed());
const deps = benchSessionDependencies(registry, logger);

async function measure(name: string, run: (socket: Socket) => Promise<unknown>): Promise<number> {
  const socket = new ScriptedSocket();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await run(socket as unknown as Socket);
  const spent = process.cpuUsage(cpu);
  const perPrompt = (spent.user + spent.system) / PROMPTS;
  console.log(`   ${name.padEnd(12)} ${perPrompt.toFixed(1).padStart(6)} µs CPU per prompt   (${((performance.now() - t0) / PROMPTS * 1000).toFixed(1)} µs wall; ${socket.writes} writes)`);
  return perPrompt;
}

console.log(`receive path: one call, ${PROMPTS} prompts, FreeSWITCH's bytes replayed in memory (no kernel, no switch)`);
// BENCH_ONLY=runtime skips the bare client (for a profile of the runtime alone).
const only = process.env['BENCH_ONLY'];
for (let round = 0; round < 3; round++) {
  const bare = only === 'runtime' ? Number.NaN : await measure('bare client', (socket) => new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    serveRawCall(socket, PROMPTS, 'silence_stream://1');
  }));
  if (only === 'bare') continue;
  const runtime = await measure('runtime', (socket) => new CallSession(socket, deps).run());
  if (!Number.isNaN(bare)) console.log(`   runtime − bare: ${(runtime - bare).toFixed(1)} µs per prompt\n`);
}
registry.close();
