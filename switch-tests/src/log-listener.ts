/**
 * What flite was given to say, read from FreeSWITCH's `log` events on an ESL connection of the suite's own.
 *
 * Not from the log file: mod_logfile writes a session's message line by line with `switch_split` (that is
 * `switch_separate_string` on `\n`, src/mod/loggers/mod_logfile/mod_logfile.c), which strips `'…'` quotes and
 * turns `\\ \s \n` into `\ space LF` — "It's … Isn't" reached the file as "Its … Isnt" although flite was given
 * the apostrophes. A `log/data` event carries the message as it was logged, with its channel in `User-Data`.
 */
import { connect, type Socket } from 'node:net';
import { EslFrameParser, headerValue, serializeCommand, type EslFrame } from '@switchboard/runtime/esl';
import type { EslAddress } from '@switchboard/runtime/testing/freeswitch';

/** One `Speaking text:` message: the channel it was logged for and the text handed to the TTS engine. */
export interface SpokenText {
  readonly uuid: string;
  readonly text: string;
}

const MARKER = 'Speaking text: ';

/** Records every `Speaking text:` log message; reconnects when the switch restarts. */
export class SpokenLog {
  readonly texts: SpokenText[] = [];
  private socket: Socket | null = null;
  private stopped = false;
  private subscribed: Promise<void> | null = null;

  constructor(private readonly esl: EslAddress) {}

  /** Resolves once `log 7` is accepted, so nothing said after it is missed. */
  start(): Promise<void> {
    this.subscribed = this.connect();
    return this.subscribed;
  }

  stop(): void {
    this.stopped = true;
    this.socket?.destroy();
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.esl.port, this.esl.host);
      this.socket = socket;
      const parser = new EslFrameParser();
      let stage: 'greeting' | 'auth' | 'log' | 'listening' = 'greeting';
      const fail = (why: string) => {
        socket.destroy();
        reject(new Error(`switch log connection to ${this.esl.host}:${this.esl.port}: ${why}`));
      };
      socket.on('data', (chunk: Buffer) => {
        for (const output of parser.push(chunk)) {
          if (output.kind === 'error') return fail(`ESL framing error: ${output.error.message}`);
          const frame = output.frame;
          const type = headerValue(frame.headers, 'Content-Type');
          if (type === 'log/data') {
            this.record(frame);
          } else if (stage === 'greeting' && type === 'auth/request') {
            stage = 'auth';
            socket.write(serializeCommand({ kind: 'auth', password: this.esl.password }));
          } else if (type === 'command/reply' && (stage === 'auth' || stage === 'log')) {
            const reply = headerValue(frame.headers, 'Reply-Text') ?? '';
            if (!reply.startsWith('+OK')) return fail(`${stage} refused: ${reply}`);
            if (stage === 'auth') {
              stage = 'log';
              socket.write('log 7\n\n');
            } else {
              stage = 'listening';
              resolve();
            }
          }
        }
      });
      socket.on('error', (error) => {
        if (stage !== 'listening') fail(error.message);
      });
      socket.on('close', () => {
        if (stage !== 'listening') return fail('closed before listening');
        if (!this.stopped) this.reconnect();
      });
    });
  }

  /** After a restart: try again until the switch listens (the restart test waits for the observer likewise). */
  private reconnect(): void {
    const attempt = () => {
      if (this.stopped) return;
      this.connect().catch(() => setTimeout(attempt, 200));
    };
    setTimeout(attempt, 200);
  }

  private record(frame: EslFrame): void {
    const body = frame.body.toString('utf8');
    const at = body.indexOf(MARKER);
    if (at < 0) return;
    this.texts.push({ uuid: headerValue(frame.headers, 'User-Data') ?? '', text: body.slice(at + MARKER.length).replace(/\n$/, '') });
  }
}
