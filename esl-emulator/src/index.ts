export { startEmulator, type Emulator, type EmulatorOptions, type PlaceCallOptions } from './emulator.js';
export { SimulatedCall, type CallLogEntry, type CallSummary, type Extension } from './call.js';
export { createScaledClock, type SimulationClock } from './clock.js';
export type { BridgeOutcome, CallScript, QueueAgent, QueueConfig, ScriptedDtmf } from './script.js';
export type { SwitchEvent } from './model/event.js';
export type { OutboundTarget } from './outbound/socket-session.js';
export type { OriginateRecord } from './api/originate.js';
export type { QueueMember } from './apps/queue-registry.js';
export { splitOnDelimiter, splitOnSpaces } from './wire/app-arguments.js';
