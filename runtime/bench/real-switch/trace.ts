/**
 * In-process timing for the real-switch benchmark's clients, to split the wire time: from the `data` callback
 * that delivers a prompt's CHANNEL_EXECUTE_COMPLETE to the write of the next prompt's command. The rest of the
 * wire time is the kernel and the event loop getting the bytes to that callback.
 */
import type { Socket } from 'node:net';

const samples: number[] = [];

/** Records callback → write times on `socket` (prepends its listener, wraps `write`). */
export function traceSocket(socket: Socket): void {
  let completedAt: number | undefined;
  socket.prependListener('data', (chunk: Buffer) => {
    if (chunk.includes('CHANNEL_EXECUTE_COMPLETE')) completedAt = performance.now();
  });
  const write = socket.write.bind(socket) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (completedAt !== undefined && typeof chunk === 'string' && chunk.includes('execute-app-name: playback')) {
      samples.push((performance.now() - completedAt) * 1000);
      completedAt = undefined;
    }
    return write(chunk, ...rest);
  }) as typeof socket.write;
}

/** Median and p99 (µs) of the samples since the last call. */
export function takeTrace(): { callbackToWrite: { median: number; p99: number; count: number } } {
  const sorted = samples.splice(0).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { callbackToWrite: { median: at(0.5), p99: at(0.99), count: sorted.length } };
}
