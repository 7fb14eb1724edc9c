import type { Emulator } from '../emulator.js';

/**
 * `originate [{vars}]<endpoint> <app or extension>`: `loopback/<ext>[/<context>]` creates a call that runs the
 * emulator's dialplan (context `default` only); `error/<cause>` fails with that cause, as in transcript 07.
 */
export async function originate(emulator: Emulator, args: string): Promise<string> {
  const [dialString = ''] = args.split(/\s+/);
  const variables = new Map<string, string>();
  const varBlock = /^\{([^}]*)\}/.exec(dialString);
  if (varBlock?.[1]) {
    for (const pair of varBlock[1].split(',')) {
      const [name = '', ...value] = pair.split('=');
      variables.set(name, value.join('='));
    }
  }
  const endpoint = varBlock ? dialString.slice(varBlock[0].length) : dialString;
  const [tech = '', destination = '', context = 'default'] = endpoint.split('/');
  if (tech === 'error') return `-ERR ${destination.toUpperCase()}\n`;
  if (tech !== 'loopback' || destination === '') return '-ERR CHAN_NOT_IMPLEMENTED\n';
  if (context !== 'default') return '-ERR NO_ROUTE_DESTINATION\n';
  const call = emulator.placeCall({
    destination,
    callerIdNumber: variables.get('origination_caller_id_number') ?? '0000000000',
  });
  await call.answered;
  return `+OK ${call.aLegUuid}\n`;
}
