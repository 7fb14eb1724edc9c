import { parseHeaderLines, headerValue, type EslFrame } from './frame.js';

const NEWLINE = 0x0a;
const BLANK_LINE = Buffer.from('\n\n');

/** Why a connection's byte stream cannot be parsed any further. */
export type EslParseErrorCode = 'header-block-too-large' | 'bad-content-length' | 'body-too-large';

/** A framing error. After one, the parser ignores further input: the connection should be closed. */
export interface EslParseError {
  readonly code: EslParseErrorCode;
  readonly message: string;
  /** Byte offset in the connection's stream where the offending frame starts. */
  readonly streamOffset: number;
}

/** What {@link EslFrameParser.push} yields, in stream order. */
export type EslParseOutput =
  | { readonly kind: 'frame'; readonly frame: EslFrame }
  | { readonly kind: 'error'; readonly error: EslParseError };

/** Limits that keep one misbehaving peer from exhausting memory. */
export interface EslParserLimits {
  /** Largest header block accepted, in bytes. Default 1 MiB. */
  readonly maxHeaderBytes: number;
  /** Largest `Content-Length` accepted, in bytes. Default 64 MiB. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_PARSER_LIMITS: EslParserLimits = { maxHeaderBytes: 1024 * 1024, maxBodyBytes: 64 * 1024 * 1024 };

/**
 * Streaming, iterative ESL framing parser.
 *
 * Feed it socket chunks of any size, split anywhere; it returns every complete frame in order. It keeps the
 * pending bytes as a list of chunks and scans each byte once for the blank line that ends a header block, so a
 * large frame arriving in small pieces costs linear time, and thousands of frames in one chunk are handled by a
 * loop, not recursion. It never throws on input: malformed framing becomes one `error` output, after which the
 * parser stays failed.
 */
export class EslFrameParser {
  private readonly limits: EslParserLimits;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** In header mode: whether the last pending byte was `\n`. */
  private lastByteWasNewline = false;
  /** `undefined` while reading a header block; otherwise the body bytes still wanted for the current frame. */
  private bodyWanted: number | undefined;
  private currentHeaders: EslFrame['headers'] = [];
  private frameStartOffset = 0;
  private consumedOffset = 0;
  private failure: EslParseError | undefined;

  constructor(limits: Partial<EslParserLimits> = {}) {
    this.limits = { ...DEFAULT_PARSER_LIMITS, ...limits };
  }

  /** The error that stopped this parser, if any. */
  get error(): EslParseError | undefined {
    return this.failure;
  }

  /** Bytes received but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Consumes one chunk and returns the frames (and at most one error) it completes. */
  push(chunk: Uint8Array): EslParseOutput[] {
    const outputs: EslParseOutput[] = [];
    if (this.failure) return outputs;
    let data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (data.length > 0 && !this.failure) {
      data = this.bodyWanted === undefined ? this.consumeHeaderBytes(data, outputs) : this.consumeBodyBytes(data, outputs);
    }
    return outputs;
  }

  /** Scans `data` for the end of the header block; returns the bytes left over after this step. */
  private consumeHeaderBytes(data: Buffer, outputs: EslParseOutput[]): Buffer {
    if (this.pendingBytes === 0) {
      // Tolerate stray blank lines between frames.
      let skip = 0;
      while (skip < data.length && data[skip] === NEWLINE) skip++;
      this.consumedOffset += skip;
      data = data.subarray(skip);
      if (data.length === 0) return data;
      this.frameStartOffset = this.consumedOffset;
    }
    const end = this.findHeaderEnd(data);
    if (end === -1) {
      this.lastByteWasNewline = data[data.length - 1] === NEWLINE;
      this.append(data);
      if (this.pendingBytes > this.limits.maxHeaderBytes) {
        this.fail(outputs, 'header-block-too-large', `header block exceeds ${this.limits.maxHeaderBytes} bytes without a blank line`);
      }
      return Buffer.alloc(0);
    }
    // `end` is the index just past the blank line's second `\n` within `data`.
    this.append(data.subarray(0, end));
    const block = this.takePending();
    if (block.length - 2 > this.limits.maxHeaderBytes) {
      this.fail(outputs, 'header-block-too-large', `header block of ${block.length - 2} bytes exceeds ${this.limits.maxHeaderBytes}`);
      return Buffer.alloc(0);
    }
    const headers = parseHeaderLines(block.toString('utf8', 0, block.length - 2));
    const lengthText = headerValue(headers, 'Content-Length');
    if (lengthText === undefined) {
      outputs.push({ kind: 'frame', frame: { headers, body: Buffer.alloc(0) } });
    } else {
      if (!/^\d{1,15}$/.test(lengthText)) {
        this.fail(outputs, 'bad-content-length', `Content-Length ${JSON.stringify(lengthText.slice(0, 40))} is not a byte count`);
        return Buffer.alloc(0);
      }
      const length = Number(lengthText);
      if (length > this.limits.maxBodyBytes) {
        this.fail(outputs, 'body-too-large', `Content-Length ${length} exceeds ${this.limits.maxBodyBytes}`);
        return Buffer.alloc(0);
      }
      if (length === 0) {
        outputs.push({ kind: 'frame', frame: { headers, body: Buffer.alloc(0) } });
      } else {
        this.currentHeaders = headers;
        this.bodyWanted = length;
      }
    }
    return data.subarray(end);
  }

  /** Index just past the `\n\n` ending the header block, counting a `\n` left pending from earlier chunks. */
  private findHeaderEnd(data: Buffer): number {
    if (this.lastByteWasNewline && data[0] === NEWLINE) return 1;
    const blank = data.indexOf(BLANK_LINE);
    return blank === -1 ? -1 : blank + 2;
  }

  private consumeBodyBytes(data: Buffer, outputs: EslParseOutput[]): Buffer {
    const wanted = this.bodyWanted ?? 0;
    const missing = wanted - this.pendingBytes;
    if (data.length < missing) {
      this.append(data);
      return Buffer.alloc(0);
    }
    this.append(data.subarray(0, missing));
    const body = this.takePending();
    outputs.push({ kind: 'frame', frame: { headers: this.currentHeaders, body } });
    this.currentHeaders = [];
    this.bodyWanted = undefined;
    return data.subarray(missing);
  }

  private append(data: Buffer): void {
    if (data.length === 0) return;
    this.pending.push(data);
    this.pendingBytes += data.length;
  }

  /**
   * The pending bytes as one buffer, and resets them. Bytes that arrived in one chunk (the usual case: FreeSWITCH
   * writes an event's header block and its body separately) are handed over as they are; bytes from several
   * chunks are joined once, so the socket's buffers are not retained piecemeal.
   */
  private takePending(): Buffer {
    const joined = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
    this.consumedOffset += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.lastByteWasNewline = false;
    return joined;
  }

  private fail(outputs: EslParseOutput[], code: EslParseErrorCode, message: string): void {
    this.failure = { code, message, streamOffset: this.frameStartOffset };
    this.pending = [];
    this.pendingBytes = 0;
    outputs.push({ kind: 'error', error: this.failure });
  }
}
