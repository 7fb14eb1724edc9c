/** ESL (FreeSWITCH Event Socket) transport for the runtime: framing, commands, typed clients. */
export { EslFrameParser, DEFAULT_PARSER_LIMITS, type EslParseError, type EslParseOutput, type EslParserLimits } from './parser.js';
export { contentType, headerValue, serializeFrame, type EslFrame, type EslHeader } from './frame.js';
export { decodeEvent, eventHeader, eventVariables, type EslEvent } from './event.js';
export { serializeCommand, type EslCommand } from './commands.js';
export { decodeHeaderValue, encodeHeaderValue } from './url-codec.js';
export { EslConnection, type DisconnectNotice } from './connection.js';
export { OutboundSession, type ChannelData, type ExecuteResult, type FollowUp, type FollowUpApp, type OutboundSessionOptions } from './outbound-session.js';
export { InboundClient, type InboundClientOptions, type InboundHealth } from './inbound-client.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export { ChannelGoneError, EslCommandRejectedError, EslConnectionClosedError, EslNotConnectedError } from './errors.js';
