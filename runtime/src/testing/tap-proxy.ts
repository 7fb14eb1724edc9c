import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** One chunk that crossed the proxy. */
export interface TappedChunk {
  readonly from: 'switch' | 'runtime';
  readonly data: Buffer;
}

/** One proxied connection (one call). */
export interface TappedConnection {
  readonly chunks: TappedChunk[];
  /** Writes raw bytes to the runtime as if the switch had sent them. */
  inject(bytes: string): void;
  /** Cuts the connection to the runtime as a vanished switch would: no hangup event, no disconnect notice. */
  drop(): void;
}

/**
 * Test support: a TCP proxy between the emulator's outbound sockets and the runtime that records every byte
 * both ways and can inject bytes into one call's stream.
 */
export async function startTapProxy(target: { host: string; port: number }): Promise<{ port: number; connections: TappedConnection[]; close: () => Promise<void> }> {
  const connections: TappedConnection[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((fromSwitch) => {
    const toRuntime = connect(target.port, target.host);
    const chunks: TappedChunk[] = [];
    for (const socket of [fromSwitch, toRuntime]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    connections.push({ chunks, inject: (bytes) => toRuntime.write(bytes), drop: () => toRuntime.destroy() });
    fromSwitch.on('data', (data: Buffer) => {
      chunks.push({ from: 'switch', data });
      toRuntime.write(data);
    });
    toRuntime.on('data', (data: Buffer) => {
      chunks.push({ from: 'runtime', data });
      fromSwitch.write(data);
    });
    fromSwitch.on('end', () => toRuntime.end());
    toRuntime.on('end', () => fromSwitch.end());
    fromSwitch.on('close', () => toRuntime.destroy());
    toRuntime.on('close', () => fromSwitch.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
