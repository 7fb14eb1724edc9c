/**
 * In-process timing for the real-switch benchmark's clients, to split the wire time: from the `data` callback
 * that delivers a prompt's CHANNEL_EXECUTE_COMPLETE to the write of the next prompt's command. The rest of the
 * wire time is the kernel and the event loop getting the bytes to that callback.
 */
import type { Socket } from 'node:net';

const samples: number[] = [];
/** CPU time (user + system) the process spent in the same intervals: far below the wall time means preempted. */
const cpuSamples: number[] = [];

/** Records callback → write times on `socket` (prepends its listener, wraps `write`). */
export function traceSocket(socket: Socket): void {
  let completedAt: number | undefined;
  let cpuAt = 0;
  const cpuNow = () => {
    const usage = process.cpuUsage();
    return usage.user + usage.system;
  };
  socket.prependListener('data', (chunk: Buffer) => {
    if (chunk.includes('CHANNEL_EXECUTE_COMPLETE')) {
      completedAt = performance.now();
      cpuAt = cpuNow();
    }
  });
  const write = socket.write.bind(socket) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    // The clock is read first: what the check below costs is the tracer's, not the client's.
    const now = completedAt === undefined ? 0 : performance.now();
    if (completedAt !== undefined && (typeof chunk === 'string' ? chunk.includes('execute-app-name: playback') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).includes('execute-app-name: playback'))) {
      samples.push((now - completedAt) * 1000);
      cpuSamples.push(cpuNow() - cpuAt);
      completedAt = undefined;
    }
    return write(chunk, ...rest);
  }) as typeof socket.write;
}

/** Median and p99 (µs) of the samples since the last call, and the median CPU µs spent in them. */
export function takeTrace(): { callbackToWrite: { median: number; p99: number; count: number; cpuMedian: number } } {
  const sorted = samples.splice(0).sort((a, b) => a - b);
  const cpu = cpuSamples.splice(0).sort((a, b) => a - b);
  const at = (values: number[], q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;
  return { callbackToWrite: { median: at(sorted, 0.5), p99: at(sorted, 0.99), count: sorted.length, cpuMedian: at(cpu, 0.5) } };
}
