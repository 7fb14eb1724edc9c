import { startEmulator, type CallScript, type Emulator } from '@switchboard/esl-emulator';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelGoneError } from './errors.js';
import { OutboundSession } from './outbound-session.js';
import { acceptingServer } from './test-support.js';

let emulator: Emulator | undefined;
let closeServer: (() => void) | undefined;
afterEach(async () => {
  await emulator?.close();
  closeServer?.();
});

async function startCall(script: CallScript = {}, queues = {}): Promise<{ session: OutboundSession; socket: Socket; bLeg: string }> {
  const server = await acceptingServer();
  closeServer = server.close;
  emulator = await startEmulator({ outbound: { host: '127.0.0.1', port: server.port }, timeScale: 1000, queues });
  const call = emulator.placeCall({ destination: '1000', callerIdNumber: '4005551234', script });
  const socket = await server.next();
  const session = new OutboundSession(socket);
  const channel = await session.connect();
  expect(channel.uniqueId).toBe(call.bLegUuid);
  await session.myevents();
  await session.linger();
  return { session, socket, bLeg: call.bLegUuid };
}

describe('OutboundSession against the emulator', () => {
  it('runs apps in order and resolves each on its own CHANNEL_EXECUTE_COMPLETE', async () => {
    const { session } = await startCall({ dtmf: [{ digits: '2' }, null] });
    expect((await session.execute('answer')).response).toBe('_none_');
    expect((await session.execute('playback', 'tone_stream://%(500,0,440)')).response).toBe('FILE PLAYED');
    const pressed = await session.execute('play_and_get_digits', '1 1 3 3000 # tone_stream://%(200,0,600) silence_stream://250 ivr_digit ^[0-9*#]$');
    expect(pressed.variables).toMatchObject({ read_result: 'success', ivr_digit: '2' });
    const silent = await session.execute('play_and_get_digits', '1 1 3 3000 # tone_stream://%(200,0,600) silence_stream://250 ivr_digit ^[0-9*#]$');
    expect(silent.variables.read_result).toBe('failure');
    expect(silent.variables).not.toHaveProperty('ivr_digit');
    const hangup = await session.execute('hangup', 'NORMAL_CLEARING');
    expect(hangup.channelHungUp).toBe(true);
    expect(session.hangupCause).toBe('NORMAL_CLEARING');
    await session.exit();
  });

  it('after the channel hangs up, execute rejects without writing to the socket', async () => {
    const { session, socket } = await startCall({ hangupAfterMs: 60_000 });
    const result = await session.execute('playback', 'tone_stream://%(600000,0,440)');
    expect(result.response).toBe('PLAYBACK ERROR');
    expect(result.channelHungUp).toBe(true);
    const write = vi.spyOn(socket, 'write');
    await expect(session.execute('playback', 'tone_stream://%(500,0,440)')).rejects.toBeInstanceOf(ChannelGoneError);
    expect(write).not.toHaveBeenCalled();
    await session.exit();
  });

  it('rejects apps queued behind a hangup, since FreeSWITCH never runs them', async () => {
    const { session } = await startCall();
    const hangup = session.execute('hangup', 'NORMAL_CLEARING');
    const never = session.execute('playback', 'tone_stream://%(500,0,440)');
    await expect(hangup).resolves.toMatchObject({ application: 'hangup' });
    await expect(never).rejects.toBeInstanceOf(ChannelGoneError);
    await session.exit();
  });

  it('reports a failed bridge through variables, and the hangup it causes without continue_on_fail', async () => {
    const { session } = await startCall({ bridge: [{ result: 'NO_ANSWER' }, { result: 'USER_BUSY' }] });
    await session.execute('set', 'continue_on_fail=true');
    const tolerated = await session.execute('bridge', 'loopback/2000');
    expect(tolerated.variables).toMatchObject({ originate_disposition: 'NO_ANSWER', DIALSTATUS: 'NOANSWER' });
    expect(tolerated.channelHungUp).toBe(false);
    await session.execute('unset', 'continue_on_fail');
    const fatal = await session.execute('bridge', 'error/user_busy');
    expect(fatal.channelHungUp).toBe(true);
    expect(session.hangupCause).toBe('USER_BUSY');
    await session.exit();
  });

  it('learns the callcenter outcome from cc_* variables', async () => {
    const { session } = await startCall({}, { 'support@default': { maxWaitTimeSeconds: 5, maxWaitTimeWithNoAgentSeconds: 3, maxWaitTimeWithNoAgentTimeReachedSeconds: 5 } });
    const result = await session.execute('callcenter', 'support@default');
    expect(result.variables).toMatchObject({ cc_cause: 'cancel', cc_cancel_reason: 'TIMEOUT', cc_side: 'member' });
    await session.execute('hangup');
    await session.exit();
  });

  it('rejects a pending app when the socket closes', async () => {
    const { session, socket } = await startCall();
    const pending = session.execute('playback', 'tone_stream://%(60000,0,440)');
    await new Promise((resolve) => setTimeout(resolve, 5));
    socket.destroy();
    await expect(pending).rejects.toBeInstanceOf(ChannelGoneError);
    await expect(session.execute('answer')).rejects.toBeInstanceOf(ChannelGoneError);
  });
});
