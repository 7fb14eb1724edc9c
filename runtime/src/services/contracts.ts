/**
 * Contracts between the call-handling side of the runtime (outbound sessions, effect executors, registry) and
 * the services it uses (queues on mod_callcenter, keep-your-place callbacks, analytics, deployments). Each side
 * is built and tested on its own against these interfaces; `runtime/src/main.ts` wires real implementations.
 */
import type { CallEvent, CompiledFlow, Effect, NodeExit, SurveyCallbackSpec } from '@switchboard/flows';
import type { CallRecordOutcome } from './analytics/outcomes.js';

/** What the queue looks like right now (from `callcenter_config`), for overflow decisions before joining. */
export interface QueueSnapshot {
  callersWaiting: number;
  agentsLoggedIn: number;
  agentsAvailable: number;
  /** Seconds a new caller would wait; 0 when unknown. */
  estimatedWaitSeconds: number;
}

/** A caller's place while waiting. */
export interface QueuePosition {
  /** 1-based; 0 when the switch does not know. */
  position: number;
  estimatedWaitSeconds: number;
}

export interface QueueService {
  /** Queue statistics for the overflow checks (max callers waiting, no agents, estimated wait). */
  snapshot(queue: string): Promise<QueueSnapshot>;
  /**
   * Report `callUuid`'s position every `everySeconds` while it waits in `queue` (polled from the switch).
   * Returns a function that stops watching.
   */
  watchPosition(queue: string, callUuid: string, everySeconds: number, onUpdate: (position: QueuePosition) => void): () => void;
}

/** A keep-your-place callback the flow asks for. */
export interface CallbackRequest {
  callId: string;
  queue: string;
  number: string;
  keepPlace: boolean;
  /** Seconds the caller had already waited; the callback re-enters the queue with it as base score. */
  originalWaitSeconds: number;
  priority: number;
  /** When the callback may be placed (null: any time). */
  window: { timezone: string; startMinute: number; endMinute: number; days: number[] } | null;
  /** Time the request was made (epoch ms). */
  requestedAt: number;
}

export type CallbackBooking = { ok: true; callbackId: string } | { ok: false; reason: 'alreadyScheduled' | 'error'; message: string };

/** A survey call-back to book: call `number` `delayMs` after call `callId` ends and ask `survey`'s questions. */
export interface SurveyCallbackRequest {
  callId: string;
  number: string;
  delayMs: number;
  survey: SurveyCallbackSpec;
  /** Time the request was made (epoch ms). */
  requestedAt: number;
}

/** A survey call-back the switch connected: the call its ratings count for, and what to ask. */
export interface SurveyCallbackCall {
  callbackId: string;
  callId: string;
  survey: SurveyCallbackSpec;
}

export interface CallbackService {
  /** Store a callback durably; one active callback per number and queue. */
  schedule(request: CallbackRequest): Promise<CallbackBooking>;
  /** Store a survey call-back durably (one open per number), placed once the call ended plus the delay. */
  scheduleSurvey(request: SurveyCallbackRequest): Promise<CallbackBooking>;
  /** The survey call-back with this id (`sb_callback_id` on the placed call), or null when there is none. */
  surveyCallback(callbackId: string): Promise<SurveyCallbackCall | null>;
  /** A rating given on a survey call-back: stored for the call that booked it (and its rollups). */
  surveyAnswered(answer: { callId: string; question: 1 | 2; score: number }): Promise<void>;
}

/** Per-call analytics, written in batches by the implementation. */
export interface CallAnalytics {
  /** A call began; `flowName` is null for a call that got the fallback without a flow. */
  callStarted(call: { callId: string; address: string; environment: string; flowName: string | null; versionId: string | null; caller: string; at: number; incidentId?: string | null }): void;
  /**
   * An interpreter step, before its effects run (`event` null: the call's start): the trace keeps per visit the
   * prompts heard and what came back (keys, no input, the switch's answers). Optional (benchmarks' no-op
   * analytics leave it out), so a wrapper must pass it on explicitly.
   */
  stepped?(callId: string, event: CallEvent | null, effects: readonly Effect[]): void;
  /** A node was entered; `arrivedFrom` is how the call left the node visited before it (stored on that visit). */
  nodeVisited(visit: { callId: string; flowName: string; nodeId: string; nodeType: string; at: number; arrivedFrom: NodeExit | null }): void;
  /**
   * The caller's wait in a mod_callcenter queue is over (answered and the agent call ended, or left unanswered),
   * with the switch's times (epoch ms). Stored on the call record when the call ends; of several waits the
   * answered one (else the last) is kept.
   */
  queueWaited(wait: QueueWaitRecord): void;
  /** The caller rated the call in a survey node (question 1 or 2, score 1–5); stored on the call record when it ends. */
  surveyAnswered(answer: { callId: string; nodeId: string; question: 1 | 2; score: number; at: number }): void;
  /** The call is over: its outcome and why; `lastExit` is the last node's outlet when it led nowhere. */
  callEnded(end: { callId: string; outcome: CallRecordOutcome; nodeId: string | null; at: number; reason: string; lastExit?: NodeExit | null }): void;
}

/** One wait in a queue, as {@link CallAnalytics.queueWaited} records it. */
export interface QueueWaitRecord {
  callId: string;
  queue: string;
  /** Joined the queue (`cc_queue_joined_epoch`). */
  joinedAt: number;
  /** An agent answered (`cc_queue_answered_epoch`); null when nobody did. */
  answeredAt: number | null;
  /** Left the queue: answered, abandoned, timed out, pressed an exit key (`cc_queue_canceled_epoch`…). */
  leftAt: number;
  agent: string | null;
  /**
   * Length of the agent call (answered until `bridge-agent-end`), measured on one clock: the switch's stamps when
   * it sends them, else the runtime's; null when unanswered or unknown.
   */
  talkMs: number | null;
}

/** The published version a binding runs. */
export interface LiveVersion {
  address: string;
  environment: string;
  flowName: string;
  versionId: string;
  versionNumber: number;
  compiled: CompiledFlow;
}

/** Reads live versions (and the sub-flows they call) from the platform's database. */
export interface VersionSource {
  /** Every binding's live version in one environment (at start-up). */
  liveVersions(environment: string): Promise<LiveVersion[]>;
  /** One binding's live version (after a "deployment changed" notice). */
  liveVersion(address: string, environment: string): Promise<LiveVersion | null>;
  /** The live compiled version of a flow by name, for sub-flow calls. */
  flowByName(name: string, environment: string): Promise<CompiledFlow | null>;
}

/** "Deployment changed" notices (in-process for PGlite, LISTEN/NOTIFY for PostgreSQL: prisma/src/deployment-events.ts). */
export interface DeploymentFeed {
  subscribe(listener: (event: { address: string; environment: string; versionId: string }) => void): () => void;
  /** "Incident override changed" notices; whoever keeps overrides re-reads them. */
  subscribeOverrides?(listener: (event: { environment: string; address: string | null; schedules?: boolean }) => void): () => void;
  /** After the feed lost its connection and listens again: notices may have been missed, re-read everything. */
  onReconnect?(listener: () => void): () => void;
  /** "Calendar changed" notices on the same bus (`revision` null: deleted). */
  subscribeCalendars?(listener: (event: { name: string; revision: number | null }) => void): () => void;
}

/** An incident override in force in one environment (`address` null: every binding). */
export interface ActiveIncident {
  id: string;
  address: string | null;
  mode: 'emergency' | 'announce';
  announcement: Record<string, { text?: string; audio?: string }>;
  /** Epoch ms after which it no longer applies to new calls; null: until switched off. */
  endsAt: number | null;
}

/** Reads the incident overrides in force. */
export interface IncidentSource {
  activeIncidents(environment: string): Promise<ActiveIncident[]>;
}

/** A calendar's current revision as stored: the document the designer saved. */
export interface StoredCalendar {
  name: string;
  revision: number;
  document: unknown;
}

/** Reads calendars' current revisions from the platform's database. */
export interface CalendarSource {
  /** Every calendar's current revision (at start-up). */
  currentCalendars(): Promise<StoredCalendar[]>;
  /** One calendar's current revision (after a "calendar changed" notice); null when it no longer exists. */
  currentCalendar(name: string): Promise<StoredCalendar | null>;
}
