import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODULES } from '../api/modules.js';
import { startEmulator, type Emulator } from '../emulator.js';
import type { QueueConfig } from '../script.js';
import { bLegEventNames, executeCommand, lastEventHeader, outboundListener, type RawEslPeer } from '../testing.js';

let emulator: Emulator | undefined;
let closeListener: (() => void) | undefined;
afterEach(async () => {
  await emulator?.close();
  closeListener?.();
});

/** `timeScale`: how much faster than real time simulated time runs (default 1000; slower where a test interleaves many socket messages with simulated time). */
async function callWith(options: { script?: Parameters<Emulator['placeCall']>[0]['script']; queues?: Record<string, QueueConfig>; modules?: string[]; timeScale?: number } = {}) {
  const listener = await outboundListener();
  closeListener = listener.close;
  emulator = await startEmulator({
    outbound: { host: '127.0.0.1', port: listener.port },
    timeScale: options.timeScale ?? 1000,
    ...(options.queues ? { queues: options.queues } : {}),
    ...(options.modules ? { modules: options.modules } : {}),
  });
  const call = emulator.placeCall({ destination: '1000', ...(options.script ? { script: options.script } : {}) });
  const peer: RawEslPeer = await listener.accept();
  peer.send('connect\n\nmyevents\n\nlinger\n\n');
  await peer.waitForFrames(3);
  return { call, peer };
}

const QUEUE = { maxWaitTimeSeconds: 5, maxWaitTimeWithNoAgentSeconds: 3, maxWaitTimeWithNoAgentTimeReachedSeconds: 5 };

describe('outbound socket session', () => {
  it('replies +OK at once and runs apps in order, Application-UUID = Event-UUID', async () => {
    const { call, peer } = await callWith();
    peer.send(executeCommand('set', 'a=1', 'uuid-1') + executeCommand('playback', 'tone_stream://%(500,0,440)', 'uuid-2'));
    await call.emulator.core.clock.sleep(2000);
    await peer.waitForFrames(9);
    const replies = peer.frames.slice(3).filter((f) => f.headers.get('Content-Type') === 'command/reply');
    expect(replies.map((f) => f.headers.get('Reply-Text'))).toEqual(['+OK', '+OK']);
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application-UUID', 'set')).toBe('uuid-1');
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application-Response', 'playback')).toBe('FILE PLAYED');
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_a', 'playback')).toBe('1');
  });

  it('an application whose module is not loaded (voicemail without mod_voicemail): +OK, no EXECUTE events, hung up with DESTINATION_OUT_OF_ORDER (as FreeSWITCH 1.10.12 does)', async () => {
    const { call, peer } = await callWith({ modules: DEFAULT_MODULES.filter((module) => module !== 'mod_voicemail') });
    peer.send(executeCommand('voicemail', 'default 127.0.0.1 1000', 'uuid-vm'));
    const summary = await call.finished;
    expect(summary.hangupCause).toBe('DESTINATION_OUT_OF_ORDER');
    await new Promise((r) => setTimeout(r, 10));
    const replies = peer.frames.slice(3).filter((f) => f.headers.get('Content-Type') === 'command/reply');
    expect(replies.map((f) => f.headers.get('Reply-Text'))).toEqual(['+OK']);
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE', 'Application-UUID', 'voicemail')).toBeUndefined();
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application-UUID', 'voicemail')).toBeUndefined();
    expect(lastEventHeader(call, 'CHANNEL_HANGUP', 'Hangup-Cause')).toBe('DESTINATION_OUT_OF_ORDER');
    expect(call.log.flatMap((entry) => (entry.kind === 'note' ? [entry.text] : []))).toContain('Invalid Application voicemail');
  });

  it('ends with the full hangup sequence, the linger notice, and closes after exit', async () => {
    const { call, peer } = await callWith();
    peer.send(executeCommand('hangup', 'NORMAL_CLEARING', 'uuid-h'));
    const summary = await call.finished;
    expect(summary.hangupCause).toBe('NORMAL_CLEARING');
    expect(bLegEventNames(call).slice(-8)).toEqual([
      'CHANNEL_EXECUTE',
      'CHANNEL_HANGUP',
      'CHANNEL_EXECUTE_COMPLETE',
      'CHANNEL_UNPARK',
      'CHANNEL_EXECUTE_COMPLETE',
      'CHANNEL_STATE',
      'CHANNEL_STATE',
      'CHANNEL_HANGUP_COMPLETE',
    ]);
    await new Promise((r) => setTimeout(r, 10));
    expect(peer.frames.at(-1)?.headers.get('Content-Disposition')).toBe('linger');
    expect(peer.closed).toBe(false);
    peer.send('exit\n\n');
    await peer.waitForClose();
    expect(peer.frames.at(-1)?.headers.get('Content-Disposition')).toBe('disconnect');
  });

  it('leaves a queue with NO_AGENT_TIMEOUT when no-agent limits come before max-wait-time', async () => {
    const { call, peer } = await callWith({ queues: { q: { ...QUEUE, maxWaitTimeSeconds: 20 } } });
    const start = call.emulator.core.clock.now();
    peer.send(executeCommand('callcenter', 'q', 'uuid-cc'));
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')) await new Promise((r) => setTimeout(r, 2));
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_cancel_reason', 'callcenter')).toBe('NO_AGENT_TIMEOUT');
    expect(call.emulator.core.clock.now() - start).toBeGreaterThanOrEqual(8000);
  });

  it('leaves a queue with EXIT_WITH_KEY and the key in cc_exit_key when the caller presses an exit key', async () => {
    const { call, peer } = await callWith({ queues: { q: { maxWaitTimeSeconds: 600 } }, script: { queueDtmf: { digits: '*', afterMs: 1000 } } });
    peer.send(executeCommand('set', 'cc_exit_keys=*', 'uuid-k') + executeCommand('callcenter', 'q', 'uuid-cc'));
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')) await new Promise((r) => setTimeout(r, 2));
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_cancel_reason', 'callcenter')).toBe('EXIT_WITH_KEY');
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_exit_key', 'callcenter')).toBe('*');
    expect(lastEventHeader(call, 'DTMF', 'DTMF-Digit')).toBe('*');
  });

  it('uuid_break does not end a queue wait; a key queued with uuid_recv_dtmf does, and the member stops waiting', async () => {
    const { call, peer } = await callWith({ queues: { q: { maxWaitTimeSeconds: 600 } } });
    const uuid = call.bLegUuid;
    const members = async (): Promise<string> => {
      const before = peer.frames.length;
      peer.send('api callcenter_config queue list members q\n\n');
      const isList = (f: { line: string; body: string }) => f.line === 'Content-Type: api/response' && f.body.startsWith('queue|');
      while (!peer.frames.slice(before).some(isList)) await new Promise((r) => setTimeout(r, 2));
      return peer.frames.slice(before).find(isList)?.body ?? '';
    };
    peer.send(executeCommand('set', 'cc_exit_keys=1D', 'uuid-k') + executeCommand('callcenter', 'q', 'uuid-cc'));
    await call.emulator.core.clock.sleep(2000);
    expect(await members()).toContain(`|${uuid}|`);
    peer.send(`api uuid_break ${uuid}\n\n`);
    await call.emulator.core.clock.sleep(5000);
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')).toBeUndefined();
    expect(await members()).toMatch(new RegExp(`\\|${uuid}\\|.*\\|Waiting\\|`));
    peer.send(`api uuid_recv_dtmf ${uuid} D\n\n`);
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')) await new Promise((r) => setTimeout(r, 2));
    while (!peer.frames.some((f) => f.body === `+OK ${uuid} received DTMF D.\n`)) await new Promise((r) => setTimeout(r, 2));
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_cancel_reason', 'callcenter')).toBe('EXIT_WITH_KEY');
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_exit_key', 'callcenter')).toBe('D');
    const after = await members();
    expect(after).not.toContain(`|${uuid}|`);
    expect(after).toContain('|Abandoned|');
  });

  it('speaks prompts exactly as FreeSWITCH reads them: expansion, then speak, play_file say: lists and broadcasts', async () => {
    const { call, peer } = await callWith({ queues: { q: { maxWaitTimeSeconds: 600 } } });
    const spoken = () => call.log.flatMap((entry) => (entry.kind === 'note' && entry.text.startsWith('Speaking text: ') ? [entry.text.slice('Speaking text: '.length)] : []));
    peer.send(
      executeCommand('set', 'tts_engine=flite', 'u1') +
        executeCommand('set', 'playback_delimiter=!', 'u2') +
        executeCommand('speak', "flite|kal|It\\'s ${tts_engine} at #1", 'u3') +
        executeCommand('play_and_get_digits', "1 1 1 1000 none 'say:I didn\\\\\\'t hear!say:Press 1\\\\!' silence_stream://250 d", 'u4'),
    );
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'play_and_get_digits')) await new Promise((r) => setTimeout(r, 2));
    peer.send(`sendmsg\ncall-command: execute\nexecute-app-name: speak\nevent-lock: true\nEvent-UUID: u5\ncontent-type: text/plain\nContent-Length: 15\n\nflite|kal|a\nb\tc`);
    peer.send(executeCommand('callcenter', 'q', 'u6'));
    await call.emulator.core.clock.sleep(3000);
    peer.send(`api uuid_broadcast ${call.bLegUuid} 'speak::flite|kal|You\\'re number 1!' aleg\n\n`);
    // Waits for the broadcast in real time: at 1000x, a fixed simulated sleep can end before the api arrives.
    for (let i = 0; i < 500 && spoken().length < 5; i++) await new Promise((r) => setTimeout(r, 2));
    // `\'` vanishes in expansion (so `didn\\\'t` is `didn\t`, a TAB once split — the garbled prompt seen on the real
    // switch); `#` is read as "pound"; the say: list is split on `!`; a body carries line breaks.
    expect(spoken()).toEqual(['Its flite at pound1', "I didn\t hear", 'Press 1!', 'a\nb\tc', "You're number 1!"]);
  });

  it.each([
    { app: 'speak::flite|kal|', left: false, why: 'speak reads DTMF (on_dtmf) and takes the key' },
    { app: 'playback::say:', left: false, why: 'playback reads DTMF too, even with the key as a playback_terminator' },
    { app: 'loop_playback::+1 say:', left: true, why: 'loop_playback reads none: callcenter takes the key when the prompt ends' },
  ])('a key pressed during a queue announcement broadcast as $app: left the queue = $left ($why)', async ({ app, left }) => {
    const { call, peer } = await callWith({ queues: { q: { maxWaitTimeSeconds: 600 } }, timeScale: 20 });
    peer.send(executeCommand('set', 'tts_engine=flite', 'u1') + executeCommand('set', 'cc_exit_keys=1D', 'u2') + executeCommand('set', 'playback_terminators=1D', 'u3'));
    peer.send(executeCommand('callcenter', 'q', 'u4'));
    await call.emulator.core.clock.sleep(2000);
    // About 5 s of speech; the caller presses 1 one second in (uuid_recv_dtmf queues it as the caller's key).
    peer.send(`api uuid_broadcast ${call.bLegUuid} '${app}This announcement is still playing when the caller presses one.' aleg\n\n`);
    await call.emulator.core.clock.sleep(1000);
    peer.send(`api uuid_recv_dtmf ${call.bLegUuid} 1\n\n`);
    await call.emulator.core.clock.sleep(1000);
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')).toBeUndefined();
    await call.emulator.core.clock.sleep(8000);
    if (left) {
      expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_cancel_reason', 'callcenter')).toBe('EXIT_WITH_KEY');
      expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_exit_key', 'callcenter')).toBe('1');
    } else {
      expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')).toBeUndefined();
    }
  });

  it.each([
    { filter: false, note: 'bridge: DTMF D sent to agent agent-1' },
    { filter: true, note: 'bridge: dropping filtered DTMF D received on the caller' },
  ])('a key still queued when an agent is bridged reaches the agent unless bridge_filter_dtmf (filter $filter)', async ({ filter, note }) => {
    const { call, peer } = await callWith({ queues: { q: { maxWaitTimeSeconds: 600, agents: [{ name: 'agent-1', answerAfterSeconds: 5, talkSeconds: 5 }] } }, timeScale: 20 });
    peer.send(executeCommand('callcenter', 'q', 'u1'));
    await call.emulator.core.clock.sleep(3000);
    // A broadcast reading no keys holds the runtime's D on the channel while the agent answers.
    peer.send(`api uuid_broadcast ${call.bLegUuid} 'loop_playback::+1 silence_stream://4000' aleg\n\n`);
    await call.emulator.core.clock.sleep(500);
    if (filter) peer.send(`api uuid_setvar ${call.bLegUuid} bridge_filter_dtmf true\n\n`);
    peer.send(`api uuid_recv_dtmf ${call.bLegUuid} D\n\n`);
    while (!call.log.some((e) => e.kind === 'note' && e.text.startsWith('bridge: '))) await new Promise((r) => setTimeout(r, 1));
    // Set while the caller talks to the agent (talkSeconds 5 is still running).
    expect(call.emulator.core.channels.get(call.bLegUuid)?.variables.get('cc_agent_found')).toBe('true');
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')) await new Promise((r) => setTimeout(r, 2));
    expect(call.log.filter((e) => e.kind === 'note' && e.text.startsWith('bridge: ')).map((e) => e.kind === 'note' && e.text)).toEqual([note]);
    expect(call.emulator.core.channels.get(call.bLegUuid)?.variables.get('cc_agent_found')).toBeUndefined();
  });

  it('bridges to an agent who answers, and counts members through callcenter_config', async () => {
    const { call, peer } = await callWith({ queues: { q: { ...QUEUE, agents: [{ name: 'agent-1', answerAfterSeconds: 2, talkSeconds: 10 }] } } });
    peer.send(executeCommand('callcenter', 'q', 'uuid-cc'));
    await call.emulator.core.clock.sleep(500);
    peer.send('api callcenter_config queue count members q\n\n');
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')) await new Promise((r) => setTimeout(r, 2));
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_cc_agent', 'callcenter')).toBe('agent-1');
    expect(peer.frames.some((f) => f.line === 'Content-Type: api/response' && f.body === '1\n')).toBe(true);
  });

  it.each([
    { parked: false, note: 'callcenter: agent call over without park_after_bridge: the dialplan carries on after socket' },
    { parked: true, note: 'callcenter: agent call over, caller parked (park_after_bridge)' },
  ])('after the agent call the caller is parked with park_after_bridge, else the dialplan goes on and hangs up (parked $parked)', async ({ parked, note }) => {
    const { call, peer } = await callWith({ queues: { q: { ...QUEUE, agents: [{ name: 'agent-1', answerAfterSeconds: 2, talkSeconds: 10 }] } } });
    if (parked) peer.send(executeCommand('set', 'park_after_bridge=true', 'u0'));
    peer.send(executeCommand('callcenter', 'q', 'uuid-cc'));
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'callcenter')) await new Promise((r) => setTimeout(r, 2));
    expect(call.log.filter((e) => e.kind === 'note' && e.text.startsWith('callcenter: agent call over')).map((e) => e.kind === 'note' && e.text)).toEqual([note]);
    expect(call.emulator.core.channels.get(call.bLegUuid)?.isHungUp ?? true).toBe(!parked);
    if (parked) {
      // Still the runtime's: the flow's goodbye plays.
      peer.send(executeCommand('speak', 'flite|kal|Goodbye.', 'u-bye'));
      while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'speak')) await new Promise((r) => setTimeout(r, 2));
    }
  });

  it.each([
    // 12# with min_digits 4: switch_ivr_read ends TOO_SMALL; play_and_get_digits sets no <var>_invalid.
    { args: '4 4 1 2000 # silence_stream://10 silence_stream://10 d ^[0-9]+$', result: 'failure', digits: '12', invalid: undefined },
    // The runtime's way: min 1, the length in the regex — the short entry is rejected as invalid.
    { args: '1 4 1 2000 # silence_stream://10 silence_stream://10 d ^[0-9*#]{4,4}$', result: 'success', digits: undefined, invalid: '12' },
  ])('a too-short entry: $result, invalid $invalid ($args)', async ({ args, result, digits, invalid }) => {
    const { call, peer } = await callWith({ script: { dtmf: [{ digits: '12#' }] } });
    peer.send(executeCommand('play_and_get_digits', args, 'u1'));
    while (!lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application', 'play_and_get_digits')) await new Promise((r) => setTimeout(r, 2));
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_read_result', 'play_and_get_digits')).toBe(result);
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_d', 'play_and_get_digits')).toBe(digits);
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'variable_d_invalid', 'play_and_get_digits')).toBe(invalid);
  });

  it('continue_on_fail with a list of causes continues only for those causes', async () => {
    const { call, peer } = await callWith({ script: { bridge: [{ result: 'NO_ANSWER' }, { result: 'USER_BUSY' }] } });
    peer.send(executeCommand('set', 'continue_on_fail=NO_ANSWER', 'u1') + executeCommand('bridge', 'loopback/2000', 'u2') + executeCommand('bridge', 'loopback/2000', 'u3'));
    const summary = await call.finished;
    expect(summary.hangupCause).toBe('USER_BUSY');
    expect(bLegEventNames(call).filter((name) => name === 'CHANNEL_HANGUP')).toHaveLength(1);
  });

  it('a caller hanging up mid-prompt ends playback with PLAYBACK ERROR, linger notice first', async () => {
    const { call, peer } = await callWith({ script: { hangupAfterMs: 60_000 } });
    peer.send(executeCommand('playback', 'tone_stream://%(600000,0,440)', 'u-play'));
    await call.finished;
    expect(lastEventHeader(call, 'CHANNEL_EXECUTE_COMPLETE', 'Application-Response', 'playback')).toBe('PLAYBACK ERROR');
    await new Promise((r) => setTimeout(r, 10));
    const kinds = peer.frames.map((f) => f.headers.get('Content-Disposition') ?? f.line);
    const notice = kinds.indexOf('linger');
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(kinds.length - 1);
  });
});
