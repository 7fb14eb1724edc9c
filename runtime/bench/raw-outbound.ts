/**
 * The baseline for both runtime benchmarks: a bare outbound-socket client written with nothing but `net` and
 * a few lines of framing — no project code. Per call: connect, myevents, linger, answer, then the runtime's
 * commands for PROMPTS audio prompts: `set playback_terminators=none` once (the runtime sets a variable only when
 * it changes), then `playback <file>` per prompt, each written as soon as the previous playback's
 * CHANNEL_EXECUTE_COMPLETE is in; then hangup.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';

const execute = (app: string, arg: string | undefined, uuid: string): string =>
  `sendmsg\ncall-command: execute\nexecute-app-name: ${app}\n${arg === undefined ? '' : `execute-app-arg: ${arg}\n`}event-lock: true\nEvent-UUID: ${uuid}\n\n`;

/** Serves one call on an accepted outbound socket: PROMPTS prompts of `file`, then hangup and exit. */
export function serveRawCall(socket: Socket, prompts: number, file: string): void {
  socket.setNoDelay(true);
  let buffered: Buffer = Buffer.alloc(0);
  let step = 0; // replies to connect, myevents, linger still expected
  let waitingFor = '';
  let played = 0;
  const next = (): void => {
    if (played === prompts) {
      waitingFor = randomUUID();
      socket.write(execute('hangup', 'NORMAL_CLEARING', waitingFor));
      played++;
      return;
    }
    if (played > prompts) return;
    played++;
    waitingFor = randomUUID();
    // The runtime sets the variable only when it changes: once, before the first prompt.
    socket.write((played === 1 ? execute('set', 'playback_terminators=none', randomUUID()) : '') + execute('playback', file, waitingFor));
  };
  const onFrame = (headers: string, body: Buffer | undefined): void => {
    if (headers.includes('Content-Type: command/reply') && step < 3) {
      step++;
      if (step === 1) socket.write('myevents\n\n');
      else if (step === 2) socket.write('linger\n\n');
      else {
        waitingFor = randomUUID();
        socket.write(execute('answer', undefined, waitingFor));
      }
      return;
    }
    if (body === undefined) return;
    const head = body.toString('latin1', 0, Math.min(body.length, 64));
    if (head.startsWith('Event-Name: CHANNEL_EXECUTE_COMPLETE') && body.includes(`Application-UUID: ${waitingFor}\n`)) next();
    else if (head.startsWith('Event-Name: CHANNEL_HANGUP_COMPLETE')) socket.end('exit\n\n');
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end < 0) return;
      const headers = buffered.toString('latin1', 0, end);
      const length = /Content-Length: (\d+)/.exec(headers);
      const size = length ? Number(length[1]) : 0;
      if (buffered.length < end + 2 + size) return;
      onFrame(headers, length ? buffered.subarray(end + 2, end + 2 + size) : undefined);
      buffered = buffered.subarray(end + 2 + size);
    }
  });
  socket.on('error', () => socket.destroy());
  socket.write('connect\n\n');
}

