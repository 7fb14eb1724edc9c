import { randomUUID } from 'node:crypto';
import type { Emulator } from '../emulator.js';
import { splitOnDelimiter, splitOnSpaces } from '../wire/app-arguments.js';

/** One `originate` the emulator was asked to place (what a test of a dialer checks). */
export interface OriginateRecord {
  readonly dialString: string;
  readonly variables: ReadonlyMap<string, string>;
  /** The arguments exactly as sent (what follows `originate `). */
  readonly command: string;
  /** What the originated leg runs: `&park()`, `&callcenter(support@default)`, an extension, … (quotes removed) */
  readonly target: string;
  /** For `&app(args)` and `'<apps>' inline` targets: the applications the answered leg runs, in order. */
  readonly applications: ReadonlyArray<{ readonly app: string; readonly data: string }>;
  /** The reply line, e.g. `+OK <uuid>` or `-ERR USER_BUSY`. */
  readonly reply: string;
}

/**
 * `originate [{vars}]<endpoint> <app or extension>`: `loopback/<ext>[/<context>]` creates a call that runs the
 * emulator's dialplan (context `default` only); `error/<cause>` fails with that cause, as in transcript 07.
 * With `&callcenter(<queue>)`, or an `inline` dialplan that ends in `callcenter:<queue>`, the answered call joins
 * that queue as a member with its `cc_base_score` (it stays waiting: scripted agents serve only members that
 * joined through the `callcenter` app). Arguments are split as `originate` does (`switch_separate_string`: `'…'`
 * groups and the quotes are removed), and `inline` takes `m:<c>:` to change its separator, as mod_dptools does.
 * The originated call runs the destination's extension (`socket` unless mapped to `tone`), so `&socket(…)` reaches
 * the runtime with the `{…}` variables set.
 */
export async function originate(emulator: Emulator, args: string): Promise<string> {
  const [dialString = '', ...rest] = splitOnSpaces(args);
  const target = rest.join(' ');
  const applications = applicationsOf(rest);
  const variables = new Map<string, string>();
  const varBlock = /^\{([^}]*)\}/.exec(dialString);
  if (varBlock?.[1]) {
    for (const pair of varBlock[1].split(',')) {
      const [name = '', ...value] = pair.split('=');
      variables.set(name, value.join('='));
    }
  }
  const reply = await place(emulator, dialString, varBlock, variables, applications);
  emulator.originations.push({ command: args, dialString, variables, target, applications, reply: reply.trim() });
  return reply;
}

/** The last `set_profile_var:<name>=<value>` among the applications. */
function profileVar(applications: ReadonlyArray<{ app: string; data: string }>, name: string): string | undefined {
  const prefix = `${name}=`;
  return applications.filter((a) => a.app === 'set_profile_var' && a.data.startsWith(prefix)).at(-1)?.data.slice(prefix.length);
}

/** `&app(args)` → one app; `<apps> inline` → the inline dialplan's apps (`app:data` split on `,` or `m:<c>:`'s c). */
function applicationsOf(target: readonly string[]): Array<{ app: string; data: string }> {
  const [exten = '', dialplan] = target;
  const single = /^&([^(]+)(?:\((.*)\))?$/.exec(exten);
  if (single) return [{ app: single[1] ?? '', data: single[2] ?? '' }];
  if (dialplan !== 'inline') return [];
  const custom = /^m:(.):/.exec(exten);
  const list = custom ? exten.slice(4) : exten;
  return splitOnDelimiter(list, custom?.[1] ?? ',').map((item) => {
    const colon = item.indexOf(':');
    return colon === -1 ? { app: item.trim(), data: '' } : { app: item.slice(0, colon).trim(), data: item.slice(colon + 1) };
  });
}

async function place(
  emulator: Emulator,
  dialString: string,
  varBlock: RegExpExecArray | null,
  variables: Map<string, string>,
  applications: ReadonlyArray<{ app: string; data: string }>,
): Promise<string> {
  const endpoint = varBlock ? dialString.slice(varBlock[0].length) : dialString;
  const [tech = '', destination = '', context = 'default'] = endpoint.split('/');
  if (tech === 'error') return `-ERR ${destination.toUpperCase()}\n`;
  if (tech !== 'loopback' || destination === '') return '-ERR CHAN_NOT_IMPLEMENTED\n';
  if (context !== 'default') return '-ERR NO_ROUTE_DESTINATION\n';
  const callerIdNumber = variables.get('origination_caller_id_number') ?? '0000000000';
  const call = emulator.placeCall({ destination, callerIdNumber });
  // The `{…}` variables belong to the originated channel: its apps (e.g. `&socket(…)`, connecting to the runtime)
  // see them, as FreeSWITCH's connect reply lists them. The emulator's connected leg is the B leg.
  for (const [name, value] of variables) call.bLeg.setVariable(name, value);
  await call.answered;
  const queue = applications.find((application) => application.app === 'callcenter')?.data;
  if (queue) {
    emulator.queues.add({
      queue,
      uuid: randomUUID(),
      sessionUuid: call.aLegUuid,
      // FreeSWITCH lists the member with the originated leg's caller profile, which `set_profile_var` may change.
      cidNumber: profileVar(applications, 'caller_id_number') ?? destination,
      cidName: profileVar(applications, 'caller_id_name') ?? callerIdNumber,
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
