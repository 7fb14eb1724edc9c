import { describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { ChannelGoneError, OutboundSession, type ExecuteResult } from '../esl/index.js';
import { MemorySocket } from '../esl/test-support.js';
import { CallChannel } from './channel.js';

/** An OutboundSession stand-in that records what would have been written. */
function fakeOutbound() {
  const written: string[] = [];
  const fake = {
    isChannelGone: false,
    hangupCause: undefined as string | undefined,
    execute: (app: string, arg?: string) => {
      written.push(arg === undefined ? app : `${app} ${arg}`);
      return Promise.resolve({ application: app, response: '_none_', variables: {}, channelHungUp: false } as unknown as ExecuteResult);
    },
    api: (command: string) => {
      written.push(`api ${command}`);
      return Promise.resolve('+OK\n');
    },
    flush: () => undefined,
  };
  return { fake, written, outbound: fake as unknown as OutboundSession };
}

describe('CallChannel', () => {
  it('skips a set/unset that would not change what this call gave the channel', async () => {
    const { written, outbound } = fakeOutbound();
    const channel = new CallChannel('u1', outbound);
    const set = (arg: string) => ({ kind: 'execute' as const, app: 'set', arg, eventLock: true });
    await channel.send([set('playback_terminators=none'), { kind: 'execute', app: 'speak', arg: 'flite|kal|a', eventLock: true }]);
    await channel.send([set('playback_terminators=none'), { kind: 'execute', app: 'speak', arg: 'flite|kal|b', eventLock: true }]);
    await channel.send([set('playback_terminators=any'), { kind: 'execute', app: 'unset', arg: 'cc_exit_keys', eventLock: true }, { kind: 'execute', app: 'unset', arg: 'cc_exit_keys', eventLock: true }]);
    expect(written).toEqual(['set playback_terminators=none', 'speak flite|kal|a', 'speak flite|kal|b', 'set playback_terminators=any', 'unset cc_exit_keys']);
  });

  it('once the caller is gone it refuses every command without writing, and counts them', async () => {
    const { fake, written, outbound } = fakeOutbound();
    const channel = new CallChannel('u1', outbound);
    fake.isChannelGone = true;
    fake.hangupCause = 'NORMAL_CLEARING';
    await expect(channel.send([{ kind: 'execute', app: 'hangup', arg: 'NORMAL_CLEARING', eventLock: true }])).rejects.toBeInstanceOf(ChannelGoneError);
    await expect(channel.api('uuid_break u1')).rejects.toBeInstanceOf(ChannelGoneError);
    channel.markGone();
    expect(written).toEqual([]);
    expect(channel.refused).toBe(2);
  });

  it('settled() waits for every app still running', async () => {
    const { outbound } = fakeOutbound();
    const channel = new CallChannel('u1', outbound);
    let finish: () => void = () => undefined;
    channel.track(new Promise<void>((resolve) => (finish = resolve)));
    let settled = false;
    const waiting = channel.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await waiting;
    expect(settled).toBe(true);
  });
});

describe('CallChannel: commands prepared to go out when a prompt ends', () => {
  const speak = (text: string) => ({ kind: 'execute' as const, app: 'speak', arg: `flite|kal|${text}`, eventLock: true });
  const set = (arg: string) => ({ kind: 'execute' as const, app: 'set', arg, eventLock: true });
  const finished = (uuid: string) =>
    `Event-Name: CHANNEL_EXECUTE_COMPLETE\nAnswer-State: answered\nApplication: speak\nApplication-Response: _none_\nApplication-UUID: ${uuid}\n\n`;
  const played = () => true;

  async function playing() {
    const socket = new MemorySocket();
    const channel = new CallChannel('u1', new OutboundSession(socket as unknown as Socket));
    const first = channel.send([set('playback_terminators=none'), speak('one')]);
    const prompt = channel.lastApp as Promise<ExecuteResult>;
    return { socket, channel, first, prompt, finish: () => socket.receive(finished(socket.uuidOf('speak'))) };
  }

  it('writes them when the prompt ends; the flow then asking for them writes nothing more', async () => {
    const { socket, channel, prompt, finish } = await playing();
    expect(channel.prepareAfter(prompt, [set('playback_terminators=none'), speak('two')], played)).toBe(true);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.apps()).toEqual(['set playback_terminators=none', 'speak flite|kal|one', 'speak flite|kal|two']);
    const taken = channel.send([set('playback_terminators=none'), speak('two')]);
    expect(taken).toBe(channel.lastApp);
    expect(socket.apps()).toHaveLength(3);
    expect(channel.mispredicted).toBe(0);
  });

  it('counts a misprediction and sends what the flow asks for when it asks for something else', async () => {
    const { socket, channel, prompt, finish } = await playing();
    channel.prepareAfter(prompt, [speak('two')], played);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    void channel.send([speak('three')]).catch(() => undefined);
    expect(socket.apps().slice(2)).toEqual(['speak flite|kal|two', 'speak flite|kal|three']);
    expect(channel.mispredicted).toBe(1);
  });

  it('withdraws them, unwritten, when the flow sends something else first or they are withdrawn', async () => {
    const { socket, channel, prompt, finish } = await playing();
    channel.prepareAfter(prompt, [speak('two')], played);
    channel.withdrawPrepared();
    expect(channel.hasPreparedCommands).toBe(false);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.apps()).toEqual(['set playback_terminators=none', 'speak flite|kal|one']);
    expect(channel.mispredicted).toBe(0);
  });
});
