/** Frames the emulated switch writes that are not events. */

export const GOODBYE_BODY = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';

export const authRequest = (): string => 'Content-Type: auth/request\n\n';

/** `command/reply` with `Reply-Text` and optional extra headers (bgapi adds `Job-UUID`). */
export function commandReply(text: string, extra: ReadonlyArray<readonly [string, string]> = []): string {
  return `Content-Type: command/reply\nReply-Text: ${text}\n${extra.map(([name, value]) => `${name}: ${value}\n`).join('')}\n`;
}

export function apiResponse(body: string): string {
  return `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
}

/** Final notice before the switch closes a connection; outbound sockets name their channel. */
export function disconnectNotice(controlledSessionUuid?: string): string {
  const session = controlledSessionUuid ? `Controlled-Session-UUID: ${controlledSessionUuid}\nContent-Disposition: disconnect\n` : '';
  return `Content-Type: text/disconnect-notice\n${session}Content-Length: ${GOODBYE_BODY.length}\n\n${GOODBYE_BODY}`;
}

/** Sent on a lingering outbound socket when its channel hangs up. */
export function lingerNotice(sessionUuid: string, channelName: string, lingerSeconds: number | undefined): string {
  return (
    `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${sessionUuid}\nContent-Disposition: linger\n` +
    `Channel-Name: ${channelName}\nLinger-Time: ${lingerSeconds ?? -1}\nContent-Length: 0\n\n`
  );
}
