import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { RawEslPeer } from '../testing.js';

let emulator: Emulator | undefined;
afterEach(async () => emulator?.close());

describe('inbound ESL server', () => {
  it('greets with auth/request and accepts the right password', async () => {
    emulator = await startEmulator({ password: 'secret' });
    const peer = await RawEslPeer.connectTo(emulator.inboundPort);
    await peer.waitForFrames(1);
    expect(peer.frames[0]?.line).toBe('Content-Type: auth/request');
    peer.send('auth secret\n\n');
    const frames = await peer.waitForFrames(2);
    expect(frames[1]?.headers.get('Reply-Text')).toBe('+OK accepted');
    peer.socket.destroy();
  });

  it('answers a wrong password with -ERR invalid and the disconnect notice, then closes', async () => {
    emulator = await startEmulator();
    const peer = await RawEslPeer.connectTo(emulator.inboundPort);
    peer.send('auth WrongPassword\n\n');
    await peer.waitForClose();
    expect(peer.frames.map((f) => f.headers.get('Reply-Text') ?? f.line)).toEqual(['Content-Type: auth/request', '-ERR invalid', 'Content-Type: text/disconnect-notice']);
    expect(peer.frames[2]?.body).toBe('Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n');
  });

  it('runs bgapi with the client-chosen Job-UUID and sends BACKGROUND_JOB to subscribers', async () => {
    emulator = await startEmulator();
    const peer = await RawEslPeer.connectTo(emulator.inboundPort);
    peer.send('auth ClueCon\n\nevent plain BACKGROUND_JOB\n\nbgapi originate error/user_busy &park()\nJob-UUID: 413a1d23-52bb-43e6-a33c-924b417f3eba\n\n');
    const frames = await peer.waitForFrames(5);
    expect(frames[3]?.headers.get('Reply-Text')).toBe('+OK Job-UUID: 413a1d23-52bb-43e6-a33c-924b417f3eba');
    expect(frames[4]?.body).toContain('Job-UUID: 413a1d23-52bb-43e6-a33c-924b417f3eba\n');
    expect(frames[4]?.body.endsWith('Content-Length: 15\n\n-ERR USER_BUSY\n')).toBe(true);
    peer.socket.destroy();
  });

  it('answers uuid_exists and uuid_getvar without a trailing newline, and exits with +OK bye', async () => {
    emulator = await startEmulator();
    const peer = await RawEslPeer.connectTo(emulator.inboundPort);
    peer.send('auth ClueCon\n\napi uuid_exists nope\n\napi uuid_getvar nope x\n\napi nosuchcommand\n\nexit\n\n');
    await peer.waitForClose();
    expect(peer.frames.slice(2, 5).map((f) => f.body)).toEqual(['false', '-ERR No such channel!\n', '-ERR nosuchcommand Command not found!\n']);
    expect(peer.frames[5]?.headers.get('Reply-Text')).toBe('+OK bye');
  });
});
