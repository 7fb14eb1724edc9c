import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OutboundSession, type ExecuteResult, type FollowUp } from './outbound-session.js';
import { MemorySocket } from './test-support.js';

const completion = (uuid: string, response = 'FILE PLAYED', answerState = 'answered') =>
  `Event-Name: CHANNEL_EXECUTE_COMPLETE\nAnswer-State: ${answerState}\nApplication: playback\nApplication-Response: ${encodeURIComponent(response)}\nApplication-UUID: ${uuid}\n\n`;
const dtmf = 'Event-Name: DTMF\nDTMF-Digit: 5\nDTMF-Duration: 1600\n\n';
const hangup = 'Event-Name: CHANNEL_HANGUP\nAnswer-State: hangup\nHangup-Cause: NORMAL_CLEARING\n\n';

function setUp() {
  const socket = new MemorySocket();
  const session = new OutboundSession(socket as unknown as Socket);
  const playing = session.execute('playback', 'first.wav');
  const order: string[] = [];
  void playing.then(() => order.push('completion seen'));
  let sent: readonly Promise<ExecuteResult>[] = [];
  const followUp: FollowUp = {
    apps: [{ app: 'playback', arg: 'second.wav' }],
    when: (result) => result.response === 'FILE PLAYED' && !result.channelHungUp,
    sent: (completions) => {
      order.push('follow-up written');
      sent = completions;
    },
  };
  return { socket, session, playing, order, followUp, sent: () => sent };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a follow-up written the moment an app completes', () => {
  it('goes out when the app completes as expected, before anything waiting on the completion runs', async () => {
    const { socket, session, playing, order, followUp, sent } = setUp();
    expect(session.followWith(playing, followUp)).toBe(true);
    socket.receive(completion(socket.uuidOf('playback')));
    await settle();
    expect(socket.apps()).toEqual(['playback first.wav', 'playback second.wav']);
    expect(order).toEqual(['follow-up written', 'completion seen']);
    // The follow-up's own app completes like any other.
    expect(sent()).toHaveLength(1);
    const second = socket.written[1]?.match(/Event-UUID: (.*)\n/)?.[1] ?? '';
    socket.receive(completion(second));
    expect((await sent()[0])?.response).toBe('FILE PLAYED');
  });

  it('goes out before the completion’s own listeners when nothing follows it in the chunk, after them when something does', async () => {
    for (const [events, expected] of [
      [[], ['follow-up written', 'listener CHANNEL_EXECUTE_COMPLETE', 'completion seen']],
      [['Event-Name: CHANNEL_STATE\n\n'], ['listener CHANNEL_EXECUTE_COMPLETE', 'listener CHANNEL_STATE', 'follow-up written', 'completion seen']],
    ] as const) {
      const { socket, session, playing, order, followUp } = setUp();
      session.onEvent((event) => order.push(`listener ${event.name}`));
      session.followWith(playing, followUp);
      socket.receive(completion(socket.uuidOf('playback')), ...events);
      await settle();
      expect(socket.apps()).toEqual(['playback first.wav', 'playback second.wav']);
      expect(order).toEqual(expected);
    }
  });

  it('is not written when its condition refuses the completion (the prompt failed)', async () => {
    const { socket, session, playing, order, followUp } = setUp();
    session.followWith(playing, followUp);
    socket.receive(completion(socket.uuidOf('playback'), 'PLAYBACK ERROR'));
    await settle();
    expect(socket.apps()).toEqual(['playback first.wav']);
    expect(order).toEqual(['completion seen']);
  });

  it('is not written when the channel hangs up in the same chunk as the completion', async () => {
    const { socket, session, playing, followUp } = setUp();
    session.followWith(playing, followUp);
    socket.receive(completion(socket.uuidOf('playback')), hangup);
    await settle();
    expect(socket.apps()).toEqual(['playback first.wav']);
  });

  it('can be withdrawn until it is written — also by an event later in the completion’s chunk (a key pressed)', async () => {
    const { socket, session, playing, followUp } = setUp();
    session.followWith(playing, followUp);
    session.onEvent((event) => {
      if (event.name === 'DTMF') session.followWith(playing, null);
    });
    socket.receive(completion(socket.uuidOf('playback')), dtmf);
    await settle();
    expect(socket.apps()).toEqual(['playback first.wav']);
  });

  it('cannot be set on an app that already completed', async () => {
    const { socket, session, playing, followUp } = setUp();
    socket.receive(completion(socket.uuidOf('playback')));
    await playing;
    expect(session.followWith(playing, followUp)).toBe(false);
  });
});
