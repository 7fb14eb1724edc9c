export { startEmulator, type Emulator, type EmulatorOptions, type PlaceCallOptions } from './emulator.js';
export { SimulatedCall, type CallLogEntry, type CallSummary, type Extension } from './call.js';
export { createScaledClock, type SimulationClock } from './clock.js';
export type { BridgeOutcome, CallScript, QueueAgent, QueueConfig, ScriptedDtmf } from './script.js';
export type { SwitchEvent } from './model/event.js';
export type { OutboundTarget } from './outbound/socket-session.js';
