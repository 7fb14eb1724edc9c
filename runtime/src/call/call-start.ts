import type { CallStart } from '@switchboard/flows';
import { headerValue, type ChannelData } from '../esl/index.js';

/** Channel variable the dialplan may set to pick the binding (`route:main-menu`) instead of the dialled number. */
export const ADDRESS_VARIABLE = 'switchboard_address';

/** Variables named `switchboard_*` reach the flow as `channel.*` (without the prefix). */
const CHANNEL_PREFIX = 'switchboard_';

/** The binding address of a call: `switchboard_address` if the dialplan set it, else the dialled number. */
export function bindingAddress(channel: ChannelData): string {
  return channel.variables[ADDRESS_VARIABLE] ?? headerValue(channel.headers, 'Caller-Destination-Number') ?? '';
}

/** What the interpreter learns about a new call from the `connect` reply. */
export function callStartOf(channel: ChannelData, at: number): CallStart {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(channel.variables)) {
    if (name.startsWith(CHANNEL_PREFIX) && name !== ADDRESS_VARIABLE) variables[name.slice(CHANNEL_PREFIX.length)] = value;
  }
  const language = channel.variables['switchboard_language'];
  return {
    callId: channel.uniqueId,
    caller: headerValue(channel.headers, 'Caller-Caller-ID-Number') ?? '',
    dialled: headerValue(channel.headers, 'Caller-Destination-Number') ?? '',
    at,
    ...(language === undefined ? {} : { language }),
    channel: variables,
  };
}
