/**
 * The emulated FreeSWITCH for the benchmark, in its own process so the runtime's CPU and memory figures are its
 * own. Driven over IPC by bench/run.ts.
 */
import { startEmulator, type Emulator, type SimulatedCall } from '@switchboard/esl-emulator';

export type SwitchRequest =
  | { type: 'start'; port: number; timeScale: number }
  | { type: 'place'; count: number; destination: string }
  | { type: 'status' }
  | { type: 'hangupAll' }
  | { type: 'stop' };

export interface SwitchStatus {
  type: 'status';
  placed: number;
  finished: number;
  /** Calls that ended with a cause other than NORMAL_CLEARING (or the switch's own shutdown). */
  failed: number;
  causes: Record<string, number>;
}

let emulator: Emulator | undefined;
const active = new Set<SimulatedCall>();
let placed = 0;
let finished = 0;
const causes: Record<string, number> = {};

function send(message: unknown): void {
  process.send?.(message);
}

process.on('message', (request: SwitchRequest) => {
  void (async () => {
    switch (request.type) {
      case 'start':
        emulator = await startEmulator({ outbound: { host: '127.0.0.1', port: request.port }, timeScale: request.timeScale });
        send({ type: 'ready' });
        return;
      case 'place':
        for (let index = 0; index < request.count; index++) {
          const call = (emulator as Emulator).placeCall({ destination: request.destination });
          placed++;
          active.add(call);
          void call.finished.then((summary) => {
            active.delete(call);
            finished++;
            causes[summary.hangupCause] = (causes[summary.hangupCause] ?? 0) + 1;
          });
          // Let connections open in batches rather than all in one tick.
          if (index % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
        }
        send({ type: 'placed' });
        return;
      case 'status': {
        const failed = Object.entries(causes).filter(([cause]) => cause !== 'NORMAL_CLEARING').reduce((sum, [, count]) => sum + count, 0);
        send({ type: 'status', placed, finished, failed, causes } satisfies SwitchStatus);
        return;
      }
      case 'hangupAll': {
        const calls = [...active];
        for (const call of calls) call.hangup('NORMAL_CLEARING', 'a');
        await Promise.all(calls.map((call) => call.finished));
        send({ type: 'hungUp', count: calls.length });
        return;
      }
      case 'stop':
        await emulator?.close();
        send({ type: 'stopped' });
        process.exit(0);
    }
  })();
});
