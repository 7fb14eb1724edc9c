import { randomUUID } from 'node:crypto';
import type { Emulator } from '../emulator.js';

/** One `originate` the emulator was asked to place (what a test of a dialer checks). */
export interface OriginateRecord {
  readonly dialString: string;
  readonly variables: ReadonlyMap<string, string>;
  /** What the originated leg runs: `&park()`, `&callcenter(support@default)`, an extension, … */
  readonly target: string;
  /** The reply line, e.g. `+OK <uuid>` or `-ERR USER_BUSY`. */
  readonly reply: string;
}

/**
 * `originate [{vars}]<endpoint> <app or extension>`: `loopback/<ext>[/<context>]` creates a call that runs the
 * emulator's dialplan (context `default` only); `error/<cause>` fails with that cause, as in transcript 07.
 * With `&callcenter(<queue>)` the answered call joins that queue as a member with its `cc_base_score` (it stays
 * waiting: scripted agents serve only members that joined through the `callcenter` app).
 */
export async function originate(emulator: Emulator, args: string): Promise<string> {
  const [dialString = '', ...rest] = args.split(/\s+/);
  const target = rest.join(' ');
  const variables = new Map<string, string>();
  const varBlock = /^\{([^}]*)\}/.exec(dialString);
  if (varBlock?.[1]) {
    for (const pair of varBlock[1].split(',')) {
      const [name = '', ...value] = pair.split('=');
      variables.set(name, value.join('='));
    }
  }
  const reply = await place(emulator, dialString, varBlock, variables, target);
  emulator.originations.push({ dialString, variables, target, reply: reply.trim() });
  return reply;
}

async function place(emulator: Emulator, dialString: string, varBlock: RegExpExecArray | null, variables: Map<string, string>, target: string): Promise<string> {
  const endpoint = varBlock ? dialString.slice(varBlock[0].length) : dialString;
  const [tech = '', destination = '', context = 'default'] = endpoint.split('/');
  if (tech === 'error') return `-ERR ${destination.toUpperCase()}\n`;
  if (tech !== 'loopback' || destination === '') return '-ERR CHAN_NOT_IMPLEMENTED\n';
  if (context !== 'default') return '-ERR NO_ROUTE_DESTINATION\n';
  const callerIdNumber = variables.get('origination_caller_id_number') ?? '0000000000';
  const call = emulator.placeCall({ destination, callerIdNumber });
  await call.answered;
  const queue = /^&callcenter\((.+)\)$/.exec(target)?.[1];
  if (queue) {
    emulator.queues.add({
      queue,
      uuid: randomUUID(),
      sessionUuid: call.aLegUuid,
      cidNumber: destination,
      cidName: callerIdNumber,
      joinedEpoch: Math.floor(emulator.core.clock.now() / 1000),
      state: 'Waiting',
      servingAgent: '',
      abandonedEpoch: 0,
      baseScore: Number.parseInt(variables.get('cc_base_score') ?? '', 10) || 0,
      bridgeEpoch: 0,
    });
  }
  return `+OK ${call.aLegUuid}\n`;
}
