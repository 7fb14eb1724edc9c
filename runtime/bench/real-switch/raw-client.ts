/**
 * The real-switch benchmark's baseline process: raw-outbound.ts behind a `net` server, driven over IPC by
 * bench/real-switch.ts: `{ type: 'start', prompts, file }` → `{ type: 'listening', port }`; `{ type: 'cpu' }` →
 * `{ type: 'cpu', user, system, trace }` (µs since start; trace.ts timings since the last report).
 */
import { createServer, type AddressInfo } from 'node:net';
import { serveRawCall } from '../raw-outbound.js';
import { takeTrace, traceSocket } from './trace.js';

interface StartMessage {
  type: 'start';
  prompts: number;
  file: string;
}

const started = process.cpuUsage();
process.on('message', (message: StartMessage | { type: 'cpu' } | { type: 'stop' }) => {
  if (message.type === 'start') {
    const server = createServer((socket) => {
      traceSocket(socket);
      serveRawCall(socket, message.prompts, message.file);
    });
    server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port }));
  } else if (message.type === 'cpu') {
    process.send?.({ type: 'cpu', ...process.cpuUsage(started), trace: takeTrace() });
  } else process.exit(0);
});
