/**
 * Checks the effect → command mapping against a real FreeSWITCH (not part of `npm test`: it needs a switch).
 *
 *   pnpm --filter @switchboard/runtime exec tsx src/freeswitch/real-switch-check.ts [host:port] [password] [queue]
 *
 * Needs mod_commands, mod_dptools, mod_loopback, mod_flite and mod_callcenter loaded, a dialplan in which
 * `loopback/1000/default` answers and parks, and a mod_callcenter queue (default `support@default`) with no agent
 * available. Over the inbound event socket it places a loopback call, sends the runtime's own commands for each
 * prompt path to the parked leg (`sendmsg <uuid>` is parsed by the same `switch_ivr_parse_event` as the outbound
 * socket's `sendmsg`), and compares FreeSWITCH's `Speaking text:` log lines — read from `log` events, since
 * mod_logfile's per-uuid lines are themselves run through `switch_separate_string` and lose quotes and escapes —
 * with the text a caller should hear. Then it joins the queue and leaves it the runtime's way, and checks that
 * callcenter returned with EXIT_WITH_KEY and that `callcenter_config queue list members` no longer has the caller
 * waiting. Prints one line per check and exits non-zero when one fails.
 */
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { assertNever, type Effect } from '@switchboard/flows';
import { decodeEvent, EslFrameParser, eventHeader, headerValue, serializeCommand, type EslEvent, type EslFrame } from '../esl/index.js';
import { commandsForEffect, DEFAULT_COMMAND_SETTINGS, type SwitchCommand } from './commands.js';
import { RUNTIME_LEAVE_KEY } from './results.js';

/** Prompt texts that have broken argument encodings before, each checked on every prompt path. */
export const HARD_TEXTS: readonly string[] = [
  "Sorry, I didn't hear a choice.",
  'Say "hello" — 50% off! Really!!',
  'A back\\slash, a \\t, a \\\\ and a trailing \\',
  'Costs $5, $$10 and ${not_a_variable} or $${neither}; {braces}, commas, semi;colons',
  'Tab\there and\nnew lines\r\nand  two  spaces ',
  "'Quoted' at both ends'",
  '您好，欢迎致电。请按一号键。',
  'Press * or # now',
];

/** What FreeSWITCH feeds the TTS engine for `text` (switch_ivr_speak_text: `*` → star, `#` → pound). */
export function spokenForm(text: string): string {
  return text.replace(/[*#]/g, (key) => (key === '*' ? 'star' : 'pound'));
}

class EslPeer {
  private readonly parser = new EslFrameParser();
  private readonly waiting: Array<(frame: EslFrame) => void> = [];
  readonly logs: Array<{ uuid: string; text: string }> = [];
  readonly events: EslEvent[] = [];

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const output of this.parser.push(chunk)) {
        if (output.kind === 'error') throw new Error(`ESL framing error: ${output.error.message}`);
        this.route(output.frame);
      }
    });
  }

  static async open(host: string, port: number, password: string): Promise<EslPeer> {
    const socket = connect(port, host);
    const peer = new EslPeer(socket);
    await peer.next();
    const reply = await peer.command(serializeCommand({ kind: 'auth', password }));
    if (!reply.startsWith('+OK')) throw new Error(`auth failed: ${reply}`);
    return peer;
  }

  private route(frame: EslFrame): void {
    const type = header(frame, 'Content-Type');
    if (type === 'log/data') {
      this.logs.push({ uuid: header(frame, 'User-Data') ?? '', text: frame.body.toString('utf8') });
      return;
    }
    if (type === 'text/event-plain') {
      const decoded = decodeEvent(frame);
      if (decoded.ok) this.events.push(decoded.event);
      return;
    }
    this.waiting.shift()?.(frame);
  }

  private next(): Promise<EslFrame> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Sends raw command text; resolves with Reply-Text or the api body. */
  async command(text: string): Promise<string> {
    const reply = this.next();
    this.socket.write(text);
    const frame = await reply;
    return header(frame, 'Reply-Text') ?? frame.body.toString('utf8');
  }

  api(command: string): Promise<string> {
    return this.command(serializeCommand({ kind: 'api', command }));
  }

  /** The runtime's `sendmsg execute`, addressed to `uuid` (the inbound form of the outbound socket's sendmsg). */
  execute(uuid: string, app: string, arg: string | null, eventLock: boolean): Promise<string> {
    const text = serializeCommand({ kind: 'execute', app, ...(arg === null ? {} : { arg }), eventUuid: randomUUID(), eventLock });
    return this.command(text.replace(/^sendmsg\n/, `sendmsg ${uuid}\n`));
  }

  close(): void {
    this.socket.end();
  }
}

function header(frame: EslFrame, name: string): string | undefined {
  return headerValue(frame.headers, name);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(peer: EslPeer, uuid: string, commands: readonly SwitchCommand[]): Promise<void> {
  for (const command of commands) {
    const kind = command.kind;
    switch (kind) {
      case 'execute':
        await peer.execute(uuid, command.app, command.arg, command.eventLock);
        break;
      case 'api':
        await peer.api(command.command);
        break;
      default:
        assertNever(kind);
    }
  }
}

async function parkedCall(peer: EslPeer): Promise<{ a: string; b: string }> {
  const reply = await peer.api('originate loopback/1000/default &park');
  const a = /^\+OK ([0-9a-f-]+)/.exec(reply)?.[1];
  if (!a) throw new Error(`originate failed: ${reply}`);
  await sleep(300);
  const b = (await peer.api(`uuid_getvar ${a} other_loopback_leg_uuid`)).trim();
  return { a, b };
}

async function main(): Promise<void> {
  const [address = '127.0.0.1:8021', password = 'ClueCon', queue = 'support@default'] = process.argv.slice(2);
  const [host = '127.0.0.1', port = '8021'] = address.split(':');
  const peer = await EslPeer.open(host, Number(port), password);
  await peer.command('log 7\n\n');
  let failures = 0;
  const check = (ok: boolean, what: string, detail = ''): void => {
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok ? '' : `\n     ${detail}`}`);
  };

  const spokenOn = (uuid: string, from: number): string[] =>
    peer.logs
      .slice(from)
      .filter((l) => l.uuid === uuid && l.text.includes('Speaking text: '))
      .map((l) => l.text.slice(l.text.indexOf('Speaking text: ') + 'Speaking text: '.length).replace(/\n$/, ''));

  const paths: Array<{ name: string; effect: (text: string) => Effect; waitMs: number }> = [
    { name: 'play (speak)', effect: (text) => ({ kind: 'play', seq: 1, prompt: { text }, bargeIn: false }) as Effect, waitMs: 1500 },
    {
      name: 'collectDigits (play_and_get_digits say: list)',
      effect: (text) => ({ kind: 'collectDigits', seq: 1, prompts: [{ text }, { text: 'Then press 1!' }], minDigits: 1, maxDigits: 1, timeoutMs: 1000, interDigitTimeoutMs: 1000, terminator: null, pattern: null }) as Effect,
      waitMs: 1500,
    },
  ];
  for (const path of paths) {
    for (const text of HARD_TEXTS) {
      const call = await parkedCall(peer);
      const from = peer.logs.length;
      await send(peer, call.b, commandsForEffect(path.effect(text), call.b, DEFAULT_COMMAND_SETTINGS).commands);
      await sleep(path.waitMs);
      await peer.api(`uuid_kill ${call.a}`);
      const spoken = spokenOn(call.b, from);
      check(spoken[0] === spokenForm(text.replace(/^ +/, '')), `${path.name}: ${JSON.stringify(text)}`, `heard ${JSON.stringify(spoken)}`);
    }
  }

  // Announcements over the hold music: uuid_broadcast loop_playback say: while the caller waits in the queue.
  for (const text of HARD_TEXTS) {
    const call = await parkedCall(peer);
    await send(peer, call.b, commandsForEffect({ kind: 'enqueue', seq: 1, queue, priority: 0, skills: [], baseScoreSeconds: 0, exitKeys: ['1'], statusEverySeconds: 0, musicOnHold: null } as Effect, call.b).commands);
    await sleep(500);
    const from = peer.logs.length;
    await send(peer, call.b, commandsForEffect({ kind: 'announce', prompt: { text } } as Effect, call.b).commands);
    await sleep(1500);
    await peer.api(`uuid_kill ${call.a}`);
    const spoken = spokenOn(call.b, from);
    check(spoken[0] === spokenForm(text.replace(/^ +/, '')), `announce (uuid_broadcast loop_playback say:): ${JSON.stringify(text)}`, `heard ${JSON.stringify(spoken)}`);
  }

  // Leaving a queue the runtime's way, also while an announcement plays.
  const label = (announcing: boolean): string => (announcing ? 'leave queue during an announcement' : 'leave queue');
  for (const announcing of [false, true]) {
    const call = await parkedCall(peer);
    await peer.command(`event plain CHANNEL_EXECUTE_COMPLETE\n\n`);
    await send(peer, call.b, commandsForEffect({ kind: 'enqueue', seq: 1, queue, priority: 0, skills: [], baseScoreSeconds: 0, exitKeys: ['1'], statusEverySeconds: 0, musicOnHold: null } as Effect, call.b).commands);
    await sleep(800);
    const waiting = await peer.api(`callcenter_config queue list members ${queue}`);
    if (announcing) await send(peer, call.b, commandsForEffect({ kind: 'announce', prompt: { text: 'This is a long announcement that is still playing when the caller leaves the queue.' } } as Effect, call.b).commands);
    await sleep(500);
    await send(peer, call.b, commandsForEffect({ kind: 'leaveQueue', queue } as Effect, call.b).commands);
    await sleep(500);
    const filter = (await peer.api(`uuid_getvar ${call.b} bridge_filter_dtmf`)).trim();
    check(filter === '_undef_', `${label(announcing)}: bridge_filter_dtmf is unset again after the wait`, filter);
    const reason = (await peer.api(`uuid_getvar ${call.b} cc_cancel_reason`)).trim();
    const key = (await peer.api(`uuid_getvar ${call.b} cc_exit_key`)).trim();
    const members = await peer.api(`callcenter_config queue list members ${queue}`);
    const completed = peer.events.some((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && eventHeader(e, 'Unique-ID') === call.b && eventHeader(e, 'Application') === 'callcenter');
    await peer.api(`uuid_kill ${call.a}`);
    check(waiting.includes(`${call.b}|`) && /\|Waiting\|/.test(waiting), `${label(announcing)}: the caller was waiting`, waiting);
    check(completed && reason === 'EXIT_WITH_KEY' && key === RUNTIME_LEAVE_KEY, `${label(announcing)}: callcenter returned with EXIT_WITH_KEY ${RUNTIME_LEAVE_KEY}`, `completed=${completed} reason=${reason} key=${key}`);
    check(!members.includes(`${call.b}|`), `${label(announcing)}: queue list members no longer holds the caller's session`, members);
  }

  // The caller's own exit key, pressed at any moment of the wait (DTMF from the other loopback leg, as a phone's).
  const LONG = 'This is a long announcement that is still playing when the caller presses one for a callback.';
  const moments: Array<{ name: string; announceAtMs: number | null; pressAtMs: number }> = [
    { name: 'during hold music', announceAtMs: null, pressAtMs: 800 },
    { name: 'during an announcement', announceAtMs: 500, pressAtMs: 1500 },
    { name: 'right after an announcement', announceAtMs: 500, pressAtMs: 0 },
  ];
  for (const moment of moments) {
    const call = await parkedCall(peer);
    await peer.command(`event plain CHANNEL_EXECUTE_COMPLETE\n\n`);
    await send(peer, call.b, commandsForEffect({ kind: 'enqueue', seq: 1, queue, priority: 0, skills: [], baseScoreSeconds: 0, exitKeys: ['1'], statusEverySeconds: 0, musicOnHold: null } as Effect, call.b).commands);
    const from = peer.logs.length;
    if (moment.announceAtMs !== null) {
      await sleep(moment.announceAtMs);
      await send(peer, call.b, commandsForEffect({ kind: 'announce', prompt: { text: LONG } } as Effect, call.b).commands);
    }
    if (moment.pressAtMs > 0) await sleep(moment.pressAtMs);
    else while (!peer.logs.slice(from).some((l) => l.uuid === call.b && l.text.includes('Speaking text: '))) await sleep(50);
    if (moment.pressAtMs === 0) await sleep(LONG.length * 90); // until the announcement has ended
    await peer.api(`uuid_send_dtmf ${call.a} 1`);
    const pressed = Date.now();
    let completed = false;
    while (!completed && Date.now() - pressed < 15_000) {
      await sleep(100);
      completed = peer.events.some((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && eventHeader(e, 'Unique-ID') === call.b && eventHeader(e, 'Application') === 'callcenter');
    }
    const reason = (await peer.api(`uuid_getvar ${call.b} cc_cancel_reason`)).trim();
    const key = (await peer.api(`uuid_getvar ${call.b} cc_exit_key`)).trim();
    await peer.api(`uuid_kill ${call.a}`);
    check(completed && reason === 'EXIT_WITH_KEY' && key === '1', `exit key ${moment.name}: callcenter returned with EXIT_WITH_KEY 1 (after ${Date.now() - pressed} ms)`, `completed=${completed} reason=${reason} key=${key}`);
  }

  peer.close();
  console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
