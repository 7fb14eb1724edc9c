import type { VariableValue } from '../document/common.js';
import type { CallOutcome } from './effects.js';

/** One level of the sub-flow call stack. */
export interface Frame {
  flow: string;
  nodeId: string;
  /** The calling flow's variables, restored when this sub-flow returns (absent on the main flow's frame). */
  callerVars?: Record<string, VariableValue>;
}

/** What the call is waiting for, and the waiting node's own little state (retry counters, timestamps…). */
export interface Pending {
  seq: number;
  nodeId: string;
  /** Node-local, JSON-serialisable data owned by the node module. */
  local: unknown;
}

/**
 * Everything the interpreter knows about one call. Plain JSON: it survives `JSON.parse(JSON.stringify(state))`,
 * so the runtime can persist it and the simulator can keep a history of it.
 */
export interface CallState {
  v: 1;
  callId: string;
  status: 'running' | 'waiting' | 'ended';
  /** Sub-flow stack; the last frame is where the call is. */
  stack: Frame[];
  pending: Pending | null;
  /** Last sequence number handed out to an awaited effect. */
  seq: number;
  vars: Record<string, VariableValue>;
  call: {
    caller: string;
    dialled: string;
    language: string;
    channel: Record<string, string>;
    flags: Record<string, boolean>;
    startedAt: number;
    /** The incident override the call started under (its id and mode), if any. */
    incident?: { id: string; mode: 'emergency' | 'announce' };
  };
  /** Timestamp of the latest event seen. */
  now: number;
  /** Node entries so far (the lifetime step budget counts these). */
  steps: number;
  /** The queue the caller last waited in, so a callback can keep their place. */
  lastQueue: { name: string; joinedAt: number; leftAt: number | null; priority: number } | null;
  /** The caller hung up; only nodes that do not need the caller may still run (e.g. an HTTP hook). */
  callerGone: boolean;
  outcome: CallOutcome | null;
  /** Whether the call reached a person (queue answered, transfer answered) — self-service containment is the rest. */
  reachedAgent: boolean;
  /**
   * Answering: `due` once the start node asked for it, `done` once the `answer` effect went out, which happens
   * just before the first effect the caller hears. A caller turned away before that is rejected unanswered.
   */
  answer: 'notRequested' | 'due' | 'done';
  /** The last caller input failed (a node left after its retries ran out) and no key was accepted since. */
  inputFailed: boolean;
}
