import { ReceivedFrame, type EslFrame } from './frame.js';
import { findRawHeader } from './raw-header.js';
import { decodeHeaderValue } from './url-codec.js';

const NEWLINE = 0x0a;
const BLANK_LINE = Buffer.from('\n\n');
const EMPTY = Buffer.alloc(0);

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
  /** In body mode: the current frame's header block (without its blank line). */
  private currentBlock: Buffer | undefined;
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

  /** True when the next byte starts a frame: nothing buffered, no body awaited, not failed. */
  get idle(): boolean {
    return this.pendingBytes === 0 && this.bodyWanted === undefined && this.failure === undefined;
  }

  /** The largest body accepted. */
  get maxBodyBytes(): number {
    return this.limits.maxBodyBytes;
  }

  /**
   * Accounts for `bytes` bytes of whole frames that were read without this parser (only when {@link idle}), so
   * the stream offsets it reports stay right.
   */
  skip(bytes: number): void {
    this.consumedOffset += bytes;
  }

  /** Bytes received but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Consumes one chunk and returns the frames (and at most one error) it completes. */
  push(chunk: Uint8Array): EslParseOutput[] {
    const outputs: EslParseOutput[] = [];
    if (this.failure) return outputs;
    const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Offsets into the chunk, not sub-buffers: a frame that arrived whole is read where it lies.
    let at = 0;
    while (at < data.length && !this.failure) {
      at = this.bodyWanted === undefined ? this.consumeHeaderBytes(data, at, outputs) : this.consumeBodyBytes(data, at, outputs);
    }
    return outputs;
  }

  /** Scans `data` from `at` for the end of the header block; returns the offset where the next step starts. */
  private consumeHeaderBytes(data: Buffer, at: number, outputs: EslParseOutput[]): number {
    if (this.pendingBytes === 0) {
      // Tolerate stray blank lines between frames.
      const from = at;
      while (at < data.length && data[at] === NEWLINE) at++;
      this.consumedOffset += at - from;
      if (at === data.length) return at;
      this.frameStartOffset = this.consumedOffset;
    }
    const end = this.findHeaderEnd(data, at);
    if (end === -1) {
      this.lastByteWasNewline = data[data.length - 1] === NEWLINE;
      this.append(at === 0 ? data : data.subarray(at));
      if (this.pendingBytes > this.limits.maxHeaderBytes) {
        this.fail(outputs, 'header-block-too-large', `header block exceeds ${this.limits.maxHeaderBytes} bytes without a blank line`);
      }
      return data.length;
    }
    // `end` is the index just past the blank line's second `\n` within `data`.
    let block: Buffer;
    if (this.pendingBytes === 0) {
      block = data.subarray(at, end - 2);
      this.consumedOffset += end - at;
    } else {
      this.append(data.subarray(at, end));
      const whole = this.takePending();
      block = whole.subarray(0, whole.length - 2);
    }
    if (block.length > this.limits.maxHeaderBytes) {
      this.fail(outputs, 'header-block-too-large', `header block of ${block.length} bytes exceeds ${this.limits.maxHeaderBytes}`);
      return data.length;
    }
    const rawLength = findRawHeader(block, block.length, 'Content-Length');
    const lengthText = rawLength === undefined ? undefined : decodeHeaderValue(rawLength);
    if (lengthText === undefined) {
      outputs.push({ kind: 'frame', frame: new ReceivedFrame(block) });
    } else {
      if (!/^\d{1,15}$/.test(lengthText)) {
        this.fail(outputs, 'bad-content-length', `Content-Length ${JSON.stringify(lengthText.slice(0, 40))} is not a byte count`);
        return data.length;
      }
      const length = Number(lengthText);
      if (length > this.limits.maxBodyBytes) {
        this.fail(outputs, 'body-too-large', `Content-Length ${length} exceeds ${this.limits.maxBodyBytes}`);
        return data.length;
      }
      if (length === 0) {
        outputs.push({ kind: 'frame', frame: new ReceivedFrame(block) });
      } else {
        this.currentBlock = block;
        this.bodyWanted = length;
      }
    }
    return end;
  }

  /** Index just past the `\n\n` ending the header block, counting a `\n` left pending from earlier chunks. */
  private findHeaderEnd(data: Buffer, at: number): number {
    if (this.lastByteWasNewline && data[at] === NEWLINE) return at + 1;
    const blank = data.indexOf(BLANK_LINE, at);
    return blank === -1 ? -1 : blank + 2;
  }

  private consumeBodyBytes(data: Buffer, at: number, outputs: EslParseOutput[]): number {
    const wanted = this.bodyWanted ?? 0;
    const missing = wanted - this.pendingBytes;
    if (data.length - at < missing) {
      this.append(at === 0 ? data : data.subarray(at));
      return data.length;
    }
    let body: Buffer;
    if (this.pendingBytes === 0) {
      body = data.subarray(at, at + missing);
      this.consumedOffset += missing;
    } else {
      this.append(data.subarray(at, at + missing));
      body = this.takePending();
    }
    outputs.push({ kind: 'frame', frame: new ReceivedFrame(this.currentBlock ?? EMPTY, body) });
    this.currentBlock = undefined;
    this.bodyWanted = undefined;
    return at + missing;
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
