/**
 * The real-switch benchmark's baseline process: raw-outbound.ts behind a `net` server, driven over IPC by
 * bench/real-switch.ts: `{ type: 'start', prompts, file }` → `{ type: 'listening', port }`; `{ type: 'cpu' }` →
 * `{ type: 'cpu', user, system }` (µs since start).
 */
import { createServer, type AddressInfo } from 'node:net';
import { serveRawCall } from '../raw-outbound.js';

interface StartMessage {
  type: 'start';
  prompts: number;
  file: string;
}

const started = process.cpuUsage();
process.on('message', (message: StartMessage | { type: 'cpu' } | { type: 'stop' }) => {
  if (message.type === 'start') {
    const server = createServer((socket) => serveRawCall(socket, message.prompts, message.file));
    server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port }));
  } else if (message.type === 'cpu') {
    process.send?.({ type: 'cpu', ...process.cpuUsage(started) });
  } else process.exit(0);
});
