import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EslConnection } from './connection.js';
import { EslConnectionClosedError } from './errors.js';

const servers: Array<{ close: () => void }> = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function serverWriting(bytes: string): Promise<Socket> {
  const server = createServer((socket) => socket.write(bytes));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return connect((server.address() as AddressInfo).port, '127.0.0.1');
}

describe('EslConnection', () => {
  it('turns malformed framing into a protocol error and a closed connection, not an exception', async () => {
    const socket = await serverWriting('Content-Type: api/response\nContent-Length: nope\n\n');
    const errors: string[] = [];
    const closed = new Promise<void>((resolve) => new EslConnection(socket, { protocolError: (e) => errors.push(e.code), closed: resolve }));
    await closed;
    expect(errors).toEqual(['bad-content-length']);
  });

  it('survives "Reply-Text: 100%" and hands it over undecoded', async () => {
    const socket = await serverWriting('');
    const connection = new EslConnection(socket);
    const reply = connection.send({ kind: 'api', command: 'status' });
    socket.emit('data', Buffer.from('Content-Type: command/reply\nReply-Text: 100%\n\n'));
    expect((await reply).headers[1]?.value).toBe('100%');
    connection.destroy();
  });

  it('writes the commands sent in one tick together, and at once on flush()', async () => {
    const socket = await serverWriting('');
    await new Promise((resolve) => socket.once('connect', resolve));
    // What reaches the socket's handle, write by write (after cork/uncork).
    const writes: string[][] = [];
    const writev = socket._writev?.bind(socket);
    socket._writev = (chunks, callback) => {
      writes.push(chunks.map(({ chunk }) => String(chunk)));
      writev?.(chunks, callback);
    };
    const write = socket._write.bind(socket);
    socket._write = (chunk, encoding, callback) => {
      writes.push([String(chunk)]);
      write(chunk, encoding, callback);
    };
    const connection = new EslConnection(socket);
    void connection.send({ kind: 'execute', app: 'set', arg: 'playback_terminators=none', eventUuid: 'u1' }).catch(() => undefined);
    void connection.send({ kind: 'execute', app: 'playback', arg: 'tone_stream://%(100,0,440)', eventUuid: 'u2' }).catch(() => undefined);
    expect(writes).toEqual([]);
    connection.flush();
    expect(writes.map((chunks) => chunks.map((text) => /execute-app-name: (\w+)/.exec(text)?.[1]))).toEqual([['set', 'playback']]);
    void connection.send({ kind: 'execute', app: 'hangup', eventUuid: 'u3' }).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
    connection.destroy();
  });

  it('refuses to write after the final disconnect notice', async () => {
    const socket = await serverWriting('Content-Type: text/disconnect-notice\nContent-Length: 3\n\nbye');
    const notices: string[] = [];
    const connection = new EslConnection(socket, { disconnectNotice: (n) => notices.push(String(n.disposition)) });
    await new Promise((resolve) => socket.once('data', resolve));
    expect(notices).toEqual(['undefined']);
    expect(connection.isClosed).toBe(true);
    await expect(connection.send({ kind: 'exit' })).rejects.toBeInstanceOf(EslConnectionClosedError);
    connection.destroy();
  });

  it('tells each event whether another frame of its socket chunk follows it', async () => {
    const socket = await serverWriting('');
    const seen: string[] = [];
    new EslConnection(socket, { event: (event, lastInChunk) => seen.push(`${event.name}${lastInChunk ? ' (last)' : ''}`), chunkDone: () => seen.push('chunk done') });
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;
    socket.emit('data', Buffer.from(frame('Event-Name: A\n\n')));
    socket.emit('data', Buffer.from(frame('Event-Name: B\n\n') + frame('Event-Name: C\n\n') + 'Content-Length: 9'));
    socket.emit('data', Buffer.from('9\nContent-Type: text/event-plain\n\n'));
    expect(seen).toEqual(['A (last)', 'chunk done', 'B', 'C (last)', 'chunk done', 'chunk done']);
    socket.destroy();
  });
});
