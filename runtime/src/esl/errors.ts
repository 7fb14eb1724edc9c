/** The ESL connection is closed (or the switch said goodbye); nothing more can be sent on it. */
export class EslConnectionClosedError extends Error {
  override readonly name = 'EslConnectionClosedError';
}

/** The channel hung up before the operation could complete. */
export class ChannelGoneError extends Error {
  override readonly name = 'ChannelGoneError';
  constructor(
    message: string,
    /** `Hangup-Cause` if the channel reported one. */
    readonly hangupCause: string | undefined,
  ) {
    super(message);
  }
}

/** The switch answered a command with `-ERR ...`. */
export class EslCommandRejectedError extends Error {
  override readonly name = 'EslCommandRejectedError';
  constructor(
    readonly replyText: string,
    readonly command: string,
  ) {
    super(`${command}: ${replyText}`);
  }
}

/** The inbound client is not connected and authenticated right now. */
export class EslNotConnectedError extends Error {
  override readonly name = 'EslNotConnectedError';
}
