/** One command received from an ESL client: its first line, its header lines and an optional body. */
export interface ClientCommand {
  /** First line, e.g. `api status` or `sendmsg`. */
  readonly line: string;
  /** Following `Name: value` lines (values are used as sent, not URL-decoded). */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

const MAX_COMMAND_BYTES = 1024 * 1024;

/**
 * Splits a client's byte stream into commands (a header block ending in a blank line, then `Content-Length`
 * bytes of body). Iterative; returns `undefined` from {@link push} once the client sent something unusable.
 */
export class CommandReader {
  private buffer: Buffer = Buffer.alloc(0);
  private scanFrom = 0;

  /** Adds bytes; returns the complete commands, or `undefined` when the stream is malformed. */
  push(chunk: Buffer): ClientCommand[] | undefined {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const commands: ClientCommand[] = [];
    for (;;) {
      while (this.buffer.length > 0 && (this.buffer[0] === 0x0a || this.buffer[0] === 0x0d)) this.buffer = this.buffer.subarray(1);
      const end = this.buffer.indexOf('\n\n', Math.max(0, this.scanFrom - 1));
      if (end === -1) {
        this.scanFrom = this.buffer.length;
        return this.buffer.length > MAX_COMMAND_BYTES ? undefined : commands;
      }
      const [line = '', ...rest] = this.buffer.toString('utf8', 0, end).replace(/\r/g, '').split('\n');
      const headers = new Map<string, string>();
      // Frames written by a switch start with a header line (`Content-Length: N`), commands with a verb.
      for (const header of /^[A-Za-z-]+: /.test(line) ? [line, ...rest] : rest) {
        const separator = header.indexOf(':');
        if (separator > 0) headers.set(header.slice(0, separator).trim(), header.slice(separator + 1).trim());
      }
      // mod_event_socket matches `content-length` without regard to case.
      const lengthText = [...headers].find(([name]) => name.toLowerCase() === 'content-length')?.[1];
      const length = lengthText === undefined ? 0 : Number(lengthText);
      if (!Number.isSafeInteger(length) || length < 0 || length > MAX_COMMAND_BYTES) return undefined;
      if (this.buffer.length < end + 2 + length) {
        this.scanFrom = 0;
        return commands;
      }
      commands.push({ line: line.trim(), headers, body: this.buffer.toString('utf8', end + 2, end + 2 + length) });
      this.buffer = this.buffer.subarray(end + 2 + length);
      this.scanFrom = 0;
    }
  }
}
