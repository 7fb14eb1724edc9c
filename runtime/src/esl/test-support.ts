import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A stand-in for the runtime's outbound socket server: hands each connection FreeSWITCH makes to the test. */
export async function acceptingServer(): Promise<{ port: number; next: () => Promise<Socket>; close: () => void }> {
  const waiting: Socket[] = [];
  const takers: Array<(socket: Socket) => void> = [];
  const server: Server = createServer((socket) => {
    const taker = takers.shift();
    if (taker) taker(socket);
    else waiting.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    next: () => {
      const socket = waiting.shift();
      return socket ? Promise.resolve(socket) : new Promise((resolve) => takers.push(resolve));
    },
    close: () => server.close(),
  };
}
