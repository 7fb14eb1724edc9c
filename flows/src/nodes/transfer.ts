import { z } from 'zod';
import type { DiagnosticMessageId } from '../diagnostics/messages.js';
import type { TransferDestination } from '../interpreter/effects.js';
import { assertNever } from '../util/assert-never.js';
import { defineNode, type NodeOutcome } from './types.js';
import { because } from '../interpreter/reasons.js';

/** Internal extensions: 2–10 digits. */
const EXTENSION = /^[0-9]{2,10}$/;
/** E.164: +, country code, at most 15 digits in all. */
const E164 = /^\+[1-9][0-9]{6,14}$/;
/** `sip:`/`sips:` user@host[:port][;params]. */
const SIP_URI = /^sips?:[A-Za-z0-9_.!~*'()&=+$,;?/%-]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(;[A-Za-z0-9_.=;-]*)?$/;
const CALLER_ID = /^\+?[0-9]{2,15}$/;
const TRANSFER_RESULTS: ReadonlySet<string> = new Set(['answered', 'busy', 'noAnswer', 'failed']);

export const TransferDataSchema = z.object({
  destination: z.object({
    type: z.enum(['extension', 'number', 'sip']),
    value: z.string().max(200),
  }),
  /** Seconds the destination may ring before the call takes the noAnswer route. */
  timeoutSeconds: z.number().int().min(5).max(120).default(30),
  /** Caller id shown to the destination; the caller's own number when absent. */
  callerIdNumber: z.string().max(20).optional(),
});
export type TransferData = z.infer<typeof TransferDataSchema>;

interface TransferConfig {
  destination: TransferDestination;
  timeoutSeconds: number;
  callerIdNumber: string | null;
}

/** What each destination type must look like, said with an example in the message. */
const INVALID_DESTINATION_MESSAGE = {
  extension: 'SB170.invalidExtension',
  number: 'SB170.invalidNumber',
  sip: 'SB170.invalidSipUri',
} as const satisfies Record<TransferDestination['type'], DiagnosticMessageId>;

function valid(destination: TransferDestination): boolean {
  const type = destination.type;
  switch (type) {
    case 'extension':
      return EXTENSION.test(destination.value);
    case 'number':
      return E164.test(destination.value);
    case 'sip':
      return SIP_URI.test(destination.value);
    default:
      return assertNever(type, 'transfer destination type');
  }
}

/**
 * Connects the caller to an extension, an outside number or a SIP URI. When someone answers, the flow is done:
 * the call ends as `transferred` and the two parties talk until either hangs up (the switch clears the call after
 * the bridge). Busy, no answer and failures leave by their outlets, so callers are never left in silence.
 */
export const transferNode = defineNode({
  type: 'transfer',
  title: 'Transfer',
  description: 'Connects the caller to an extension, a phone number or a SIP address.',
  category: 'queue',
  dataSchema: TransferDataSchema,
  defaults: () => ({ destination: { type: 'extension' as const, value: '2000' }, timeoutSeconds: 30 }),
  outlets: () => [
    { name: 'busy', label: 'Busy' },
    { name: 'noAnswer', label: 'No answer', fallback: 'busy' },
    { name: 'failed', label: 'Failed', fallback: 'busy' },
  ],
  callerFacing: true,
  waitsForCaller: false,
  requirements: (config: TransferConfig) => [{ kind: 'transfer', destination: config.destination.type }],
  compile: (data, ctx): TransferConfig => {
    const destination: TransferDestination = { type: data.destination.type, value: data.destination.value.trim() };
    if (!valid(destination)) {
      ctx.report(INVALID_DESTINATION_MESSAGE[destination.type], 'destination.value', { value: destination.value });
    }
    if (data.callerIdNumber !== undefined && !CALLER_ID.test(data.callerIdNumber)) {
      ctx.report('SB170.invalidCallerId', 'callerIdNumber', { number: data.callerIdNumber });
    }
    return { destination, timeoutSeconds: data.timeoutSeconds, callerIdNumber: data.callerIdNumber ?? null };
  },
  enter: (node) => ({
    kind: 'wait',
    effects: [{ kind: 'transfer', destination: node.config.destination, timeoutSeconds: node.config.timeoutSeconds, callerIdNumber: node.config.callerIdNumber }],
    local: null,
  }),
  resume: (_node, _local, event, ctx): NodeOutcome => {
    switch (event.type) {
      case 'transferResult': {
        // A result this version does not know is a failure: the caller must still get somewhere.
        const result = TRANSFER_RESULTS.has(event.result) ? event.result : 'failed';
        switch (result) {
          case 'answered':
            ctx.markReachedAgent();
            return { kind: 'end', effects: [], outcome: 'transferred', ...because('transfer.answeredEnd') };
          case 'busy':
            return { kind: 'next', outlet: 'busy' };
          case 'noAnswer':
            return { kind: 'next', outlet: 'noAnswer' };
          case 'failed':
            return { kind: 'next', outlet: 'failed' };
          default:
            return assertNever(result, 'transfer result');
        }
      }
      case 'effectFailed':
        return { kind: 'next', outlet: 'failed' };
      default:
        return { kind: 'ignore' };
    }
  },
});
