import { connect, type Socket } from 'node:net';
import type { SimulatedCall } from '../call.js';
import { hangupOriginOf } from '../model/lifecycle.js';
import { callerProfileHeaders, channelBasicHeaders, codecHeaders, commonHeaders, variableHeaders, type SwitchEvent } from '../model/event.js';
import { EventSubscription } from '../model/subscription.js';
import { SITES, type SwitchCore } from '../model/switch-core.js';
import { CommandReader, type ClientCommand } from '../wire/command-reader.js';
import { commandReply, disconnectNotice, lingerNotice } from '../wire/frames.js';
import { encodeHeaderValue } from '../wire/url-encode.js';
import { handleApiCommand } from '../api/api-socket.js';

/** Where the `socket` app connects: the runtime's outbound socket server. */
export interface OutboundTarget {
  readonly host: string;
  readonly port: number;
}

interface QueuedExecute {
  readonly app: string;
  readonly arg: string;
  readonly eventUuid: string;
}

/**
 * FreeSWITCH's `socket <host:port> async full` app for one call: connects, answers `connect` with the
 * CHANNEL_DATA reply, parks the channel, runs `sendmsg execute` apps one after another (replying `+OK` at
 * once), forwards subscribed events, and handles linger, `exit` and the client closing the socket.
 *
 * Resolves when the socket app ends: the channel hung up (and the running app finished), or the client went
 * away while the channel was up. A lingering socket stays open after that until the client sends `exit`.
 */
export function runOutboundSocket(call: SimulatedCall, core: SwitchCore, target: OutboundTarget): Promise<void> {
  return new Promise((resolveApp) => {
    const channel = call.bLeg;
    const subscription = new EventSubscription();
    const reader = new CommandReader();
    const queue: QueuedExecute[] = [];
    let socket: Socket | undefined;
    let linger: { seconds: number | undefined } | undefined;
    let lingerNoticeSent = false;
    let running = false;
    let appEnded = false;
    let closed = false;

    let corked = false;
    const write = (text: string): void => {
      if (!socket || closed || !socket.writable) return;
      // Everything written in one tick (a reply and the events that follow it) leaves in one segment.
      if (!corked) {
        corked = true;
        const held = socket;
        held.cork();
        process.nextTick(() => {
          corked = false;
          held.uncork();
        });
      }
      socket.write(text);
    };
    const close = (): void => {
      if (closed) return;
      closed = true;
      socket?.end();
      stopListening();
    };
    const endApp = (): void => {
      if (appEnded) return;
      appEnded = true;
      core.fireChannelEvent('CHANNEL_UNPARK', channel, { site: SITES.unpark });
      resolveApp();
    };
    const sendLingerOrClose = (): void => {
      if (lingerNoticeSent || closed) return;
      lingerNoticeSent = true;
      if (linger) {
        write(lingerNotice(channel.uuid, channel.name, linger.seconds));
        if (linger.seconds !== undefined) void core.clock.sleep(linger.seconds * 1000).then(() => {
          write(disconnectNotice(channel.uuid));
          close();
        });
      } else {
        write(disconnectNotice(channel.uuid));
        close();
      }
    };

    // The call's own events come through a channel listener; other channels' events only matter until
    // `myevents` narrows the subscription to this channel (so thousands of calls do not see each other's events).
    const stopOwn = core.listenToChannel(channel.uuid, (event: SwitchEvent) => {
      if (subscription.wants(event)) write(subscription.render(event));
      if (event.name === 'CHANNEL_HANGUP') {
        if (hangupOriginOf(channel) === 'external') sendLingerOrClose();
        if (!running) endApp();
      }
      if (event.name === 'CHANNEL_HANGUP_COMPLETE') sendLingerOrClose();
    });
    let stopOthers = core.listen((event: SwitchEvent) => {
      if (event.channelUuid !== channel.uuid && subscription.wants(event)) write(subscription.render(event));
    });
    const stopListening = (): void => {
      stopOwn();
      stopOthers();
    };

    const runQueue = async (): Promise<void> => {
      if (running) return;
      running = true;
      while (queue.length > 0 && !channel.isHungUp) {
        const next = queue.shift();
        if (!next) break;
        channel.setVariable('current_loop', '1');
        channel.setVariable('total_loops', '1');
        await call.execute(next.app, next.arg, next.eventUuid);
        channel.setVariable('current_loop', undefined);
        channel.setVariable('total_loops', undefined);
      }
      running = false;
      // A client that went away while an app ran ends the socket app once that app is done.
      if (channel.isHungUp || closed) endApp();
    };

    const handle = (command: ClientCommand): void => {
      const [verb = '', ...rest] = command.line.split(' ');
      switch (verb) {
        case 'connect':
          write(connectReply(core, call));
          return;
        case 'myevents':
          subscription.subscribeToChannel(channel.uuid);
          stopOthers();
          stopOthers = () => undefined;
          write(commandReply('+OK Events Enabled'));
          return;
        case 'linger':
          linger = { seconds: rest[0] ? Number(rest[0]) : undefined };
          write(commandReply('+OK will linger'));
          return;
        case 'nolinger':
          linger = undefined;
          write(commandReply('+OK will not linger'));
          return;
        case 'event':
          write(commandReply(subscription.subscribe(rest[0] === 'json' ? 'json' : 'plain', rest.slice(1))));
          return;
        case 'noevents':
          subscription.clear();
          write(commandReply('+OK no longer listening for events'));
          return;
        case 'sendmsg':
          handleSendmsg(command);
          return;
        case 'api':
        case 'bgapi':
          handleApiCommand(call.emulator, command, write, verb);
          return;
        case 'exit':
          write(commandReply('+OK bye'));
          write(disconnectNotice(channel.uuid));
          close();
          if (!channel.isHungUp) endApp();
          return;
        default:
          write(commandReply('-ERR command not found'));
      }
    };

    const handleSendmsg = (command: ClientCommand): void => {
      if (channel.isHungUp) {
        write(commandReply('-ERR no such channel'));
        return;
      }
      const callCommand = command.headers.get('call-command');
      write(commandReply('+OK'));
      if (callCommand === 'execute') {
        queue.push({ app: command.headers.get('execute-app-name') ?? '', arg: executeArgument(command), eventUuid: command.headers.get('Event-UUID') ?? '' });
        void runQueue();
      } else if (callCommand === 'hangup') {
        call.hangup(command.headers.get('hangup-cause') ?? 'NORMAL_CLEARING');
      }
    };

    socket = connect(target.port, target.host);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      core.fireChannelEvent('CHANNEL_PARK', channel, { site: SITES.park });
    });
    socket.on('data', (chunk: Buffer) => {
      const commands = reader.push(chunk);
      if (commands === undefined) {
        call.note('outbound socket: client sent malformed framing; closing');
        close();
        if (!channel.isHungUp) endApp();
        return;
      }
      for (const command of commands) if (!closed) handle(command);
    });
    socket.on('end', () => {
      // The client closed its side (FIN): FreeSWITCH answers with the disconnect notice and closes.
      if (!closed) {
        write(disconnectNotice(channel.uuid));
        close();
      }
      if (!channel.isHungUp && !running) endApp();
    });
    socket.on('error', (error) => {
      call.note(`outbound socket: ${error.message}`);
      closed = true;
      stopListening();
      if (!running) endApp();
    });
    socket.on('close', () => {
      closed = true;
      stopListening();
      if (!channel.isHungUp && !running) endApp();
    });
  });
}

/**
 * `execute-app-arg`, or — when there is none and `content-type: text/plain` — the body (switch_ivr_parse_event),
 * which is how an argument with line breaks travels. Header names are matched without regard to case.
 */
function executeArgument(command: ClientCommand): string {
  const header = (name: string): string | undefined => [...command.headers].find(([key]) => key.toLowerCase() === name)?.[1];
  const arg = header('execute-app-arg');
  if (arg) return arg;
  return header('content-type')?.toLowerCase() === 'text/plain' ? command.body : '';
}

/** The `connect` reply: CHANNEL_DATA headers (caller profile as `Channel-*` first) plus the command/reply. */
function connectReply(core: SwitchCore, call: SimulatedCall): string {
  const channel = call.bLeg;
  const headers: Array<[string, string]> = [
    ...commonHeaders('CHANNEL_DATA', core.identity, SITES.channelData, core.clock.now(), 0),
    ...callerProfileHeaders(channel, 'Channel-'),
    ...channelBasicHeaders(channel),
    ...codecHeaders(),
    ...callerProfileHeaders(channel, 'Caller-'),
    ...variableHeaders(channel),
  ];
  const lines = headers.map(([name, value]) => `${name}: ${encodeHeaderValue(value)}\n`).join('');
  return `${lines}Content-Type: command/reply\nReply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n`;
}
