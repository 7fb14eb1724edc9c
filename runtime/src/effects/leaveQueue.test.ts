import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RuntimeClock } from '../call/clock.js';
import { describeCommand, type SwitchCommand } from '../freeswitch/commands.js';
import { LEAVE_KEY_MAX_PRESSES, LEAVE_KEY_RETRY_MS, leaveQueue } from './leaveQueue.js';
import type { EffectContext, QueueWait } from './types.js';

/** A clock whose timers run only when the test advances it. */
function manualClock(): RuntimeClock & { advance(ms: number): void } {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      timers.set(next, { at: now + ms, callback });
      return next++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.callback();
        }
      }
    },
  };
}

const FILTER = 'api uuid_setvar u1 bridge_filter_dtmf true';
const UNFILTER = 'api uuid_setvar u1 bridge_filter_dtmf';
const CHECK = 'api uuid_getvar u1 cc_agent_found';

const flush = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The executor over a stand-in channel. `consumed` says whether the switch acts on a pressed key: the wait
 * ends (as callcenter does for a key in cc_exit_keys) at the press numbered `endsOnPress`.
 */
function setup(endsOnPress: number | null, leftOnRequest = true, agentFound = false) {
  const written: string[] = [];
  const clock = manualClock();
  let finish: () => void = () => undefined;
  const wait: QueueWait = { queue: 'support@default', done: new Promise<void>((resolve) => (finish = resolve)), leaving: false, leftOnRequest: false };
  let presses = 0;
  const channel = {
    uuid: 'u1',
    isGone: false,
    send: async (commands: readonly SwitchCommand[]) => {
      for (const command of commands) {
        written.push(describeCommand(command));
        if (command.kind === 'api' && command.command.startsWith('uuid_recv_dtmf') && ++presses === endsOnPress) {
          wait.leftOnRequest = leftOnRequest;
          finish();
        }
      }
      return null;
    },
    api: async (command: string) => {
      written.push(`api ${command}`);
      if (command === 'uuid_getvar u1 cc_agent_found') return agentFound ? 'true' : '_undef_';
      return '+OK\n';
    },
  };
  const errors: unknown[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(JSON.parse(line)) });
  const ctx = { channel, clock, logger, queueWait: wait } as unknown as EffectContext;
  return { ctx, wait, written, clock, errors, finish: () => finish() };
}

describe('leaveQueue executor', () => {
  it('breaks the announcements, presses the runtime key once, and resolves when callcenter has returned', async () => {
    const { ctx, wait, written } = setup(1);
    await leaveQueue({ kind: 'leaveQueue', queue: 'support@default' }, ctx);
    expect(wait.leaving).toBe(true);
    expect(written).toEqual([FILTER, 'api uuid_break u1 all', CHECK, 'api uuid_recv_dtmf u1 D', UNFILTER]);
  });

  it('never presses once callcenter has found an agent (the bridge would pass the D to them), and waits for the call', async () => {
    const { ctx, written, clock, finish } = setup(null, false, true);
    let resolved = false;
    void Promise.resolve(leaveQueue({ kind: 'leaveQueue', queue: 'support@default' }, ctx)).then(() => (resolved = true));
    for (let i = 0; i < 3; i++) {
      await flush();
      clock.advance(LEAVE_KEY_RETRY_MS);
      await flush();
    }
    expect(written).toEqual([FILTER, 'api uuid_break u1 all', CHECK]);
    finish();
    await flush();
    await flush();
    expect(resolved).toBe(true);
    expect(written.slice(3)).toEqual(['api uuid_flush_dtmf u1', UNFILTER]);
  });

  it('presses again each second while callcenter has not returned, then flushes the keys left over', async () => {
    const { ctx, written, clock } = setup(3);
    let resolved = false;
    void Promise.resolve(leaveQueue({ kind: 'leaveQueue', queue: 'support@default' }, ctx)).then(() => (resolved = true));
    await flush();
    expect(written).toEqual([FILTER, 'api uuid_break u1 all', CHECK, 'api uuid_recv_dtmf u1 D']);
    clock.advance(LEAVE_KEY_RETRY_MS - 1);
    await flush();
    expect(written).toHaveLength(4);
    for (let i = 0; i < 2; i++) {
      clock.advance(LEAVE_KEY_RETRY_MS);
      await flush();
      await flush();
    }
    await flush();
    expect(resolved).toBe(true);
    const press = [CHECK, 'api uuid_recv_dtmf u1 D'];
    expect(written).toEqual([FILTER, 'api uuid_break u1 all', ...press, ...press, ...press, 'api uuid_flush_dtmf u1', UNFILTER]);
  });

  it('flushes the key when the wait ended some other way (an agent, a timeout) at the same moment', async () => {
    const { ctx, written } = setup(1, false);
    await leaveQueue({ kind: 'leaveQueue', queue: 'support@default' }, ctx);
    expect(written.slice(-2)).toEqual(['api uuid_flush_dtmf u1', UNFILTER]);
  });

  it('stops pressing after the last try, logs an error, and still waits for the app to return', async () => {
    const { ctx, written, clock, errors, finish } = setup(null);
    let resolved = false;
    void Promise.resolve(leaveQueue({ kind: 'leaveQueue', queue: 'support@default' }, ctx)).then(() => (resolved = true));
    for (let i = 0; i < LEAVE_KEY_MAX_PRESSES + 3; i++) {
      await flush();
      clock.advance(LEAVE_KEY_RETRY_MS);
      await flush();
    }
    expect(written.filter((c) => c.startsWith('api uuid_recv_dtmf'))).toHaveLength(LEAVE_KEY_MAX_PRESSES);
    expect(errors).toMatchObject([{ msg: 'callcenter did not return after the leave key; waiting for it' }]);
    expect(resolved).toBe(false);
    finish();
    await flush();
    await flush();
    expect(resolved).toBe(true);
  });

  it('does nothing when the caller is not in a queue', async () => {
    const { ctx, written } = setup(1);
    (ctx as { queueWait: QueueWait | null }).queueWait = null;
    await leaveQueue({ kind: 'leaveQueue', queue: 'support@default' }, ctx);
    expect(written).toEqual([]);
  });
});
