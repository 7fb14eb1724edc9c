import { isKnownTimeZone } from '../util/time-zone.js';
import { z } from 'zod';
import { LanguageSchema, VariableNameSchema } from '../document/common.js';

/** A local date and time without offset, read in the scenario's time zone: `2026-12-25T10:00`. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const DTMF_KEYS = /^[0-9*#]+$/;

/** Who calls, which number, when and where (to try holidays and after-hours), and what the channel carries. */
export const ScenarioCallSchema = z.object({
  /** The call id; a percentage split picks its branch from it, so another id may take the other branch. */
  callId: z.string().min(1).max(100).default('simulated-call'),
  caller: z.string().max(40).default('+447700900123'),
  dialled: z.string().max(40).default('1000'),
  /** Local date and time of the call in `timezone`, e.g. `2026-12-25T10:00`. */
  localTime: z.string().regex(LOCAL_DATE_TIME, 'must be a local date and time such as 2026-12-25T10:00'),
  timezone: z
    .string()
    .min(1)
    .max(64)
    .refine((zone) => isKnownTimeZone(zone), 'must be an IANA time zone such as Europe/London')
    .default('Europe/London'),
  /** The caller's language; the flow's first language when absent or not offered. */
  language: LanguageSchema.optional(),
  channel: z.record(z.string().min(1).max(100), z.string().max(500)).default({}),
  /** Operational switches, e.g. `{ emergency: true }`. */
  flags: z.record(z.string().min(1).max(100), z.boolean()).default({}),
  /** Simulate the call with an incident override on (emergency routing, or an announcement first). */
  incident: z
    .object({
      mode: z.enum(['emergency', 'announce']),
      announcement: z.record(LanguageSchema, z.object({ text: z.string().max(2000).optional(), audio: z.string().max(500).optional() })).default({}),
    })
    .optional(),
});
export type ScenarioCall = z.infer<typeof ScenarioCallSchema>;

/**
 * One thing the caller does. Each action happens once the call is waiting for the caller (prompts that cannot
 * be interrupted have played, the switch has answered what it answers on its own).
 */
export const CallerActionSchema = z.discriminatedUnion('action', [
  /** Keys pressed; a menu prompt is heard to its end first. */
  z.object({ action: z.literal('press'), digits: z.string().min(1).max(40).regex(DTMF_KEYS, 'keys are 0–9, * and #') }),
  /** Says nothing until the next thing happens (a no-input timeout, the next queue announcement…). */
  z.object({ action: z.literal('silence') }),
  z.object({ action: z.literal('hangUp') }),
  /** Stays on the line for this long (queue waits, timers, an agent answering). */
  z.object({ action: z.literal('wait'), seconds: z.number().positive().max(86_400) }),
]);
export type CallerAction = z.infer<typeof CallerActionSchema>;

/** How a mod_callcenter queue looks and behaves during the simulated call. */
export const QueueStateSchema = z.object({
  agentsLoggedIn: z.number().int().min(0).max(10_000).default(3),
  agentsAvailable: z.number().int().min(0).max(10_000).default(0),
  callersWaiting: z.number().int().min(0).max(10_000).default(0),
  estimatedWaitSeconds: z.number().int().min(0).max(86_400).default(60),
  /** Seconds after joining when an agent answers; `null`: nobody answers. */
  agentAnswersAfterSeconds: z.number().int().min(0).max(86_400).nullable().default(null),
  /** Length of the agent call once answered (the flow continues when it is over). */
  talkSeconds: z.number().int().min(0).max(86_400).default(120),
});
export type QueueState = z.infer<typeof QueueStateSchema>;

export const TransferOutcomeSchema = z.object({
  result: z.enum(['answered', 'busy', 'noAnswer', 'failed']).default('answered'),
  /** Seconds the destination rings before answering or being busy (no answer takes the transfer's own timeout). */
  ringSeconds: z.number().int().min(0).max(600).default(5),
});
export type TransferOutcome = z.infer<typeof TransferOutcomeSchema>;

export const CallbackBookingSchema = z.object({
  result: z.enum(['booked', 'alreadyScheduled', 'error']).default('booked'),
});
export type CallbackBooking = z.infer<typeof CallbackBookingSchema>;

/** A mocked answer for `httpRequest` nodes whose URL matches `url` (`*` matches any run of characters). */
export const HttpMockSchema = z.object({
  url: z.string().min(1).max(2000),
  /** Only requests with this method; any method when absent. */
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  status: z.number().int().min(100).max(599).default(200),
  body: z.string().max(100_000).default(''),
  /** A transport error instead of a response (e.g. "connection refused"). */
  error: z.string().max(500).optional(),
  /** How long the service takes to answer; longer than the node's timeout is a timeout. */
  delayMs: z.number().int().min(0).max(120_000).default(100),
});
export type HttpMock = z.infer<typeof HttpMockSchema>;

/** Outcomes a scenario may expect: how the call ended, or that it is still going when the script is done. */
export const EXPECTED_OUTCOMES = ['selfServed', 'unresolvedInIvr', 'rejected', 'transferred', 'answeredFromQueue', 'abandonedInQueue', 'callbackScheduled', 'voicemail', 'callerHungUp', 'error', 'inProgress'] as const;
export type ExpectedOutcome = (typeof EXPECTED_OUTCOMES)[number];

export const ScenarioExpectationsSchema = z.object({
  /**
   * Nodes the call must pass, in this order (others may come between). Main-flow nodes by id, sub-flow nodes as
   * `Flow name/nodeId`.
   */
  visits: z.array(z.string().min(1).max(150)).max(500).default([]),
  outcome: z.enum(EXPECTED_OUTCOMES).optional(),
  /** Parts of prompts the caller must hear, in this order. */
  heard: z.array(z.string().min(1).max(2000)).max(200).default([]),
  /**
   * Values the flow's variables must hold when the script is done (`{ tier: "gold", retries: 2 }`). Left out
   * rather than defaulted, so scenarios saved before it read back unchanged.
   */
  variables: z.record(VariableNameSchema, z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).optional(),
});
export type ScenarioExpectations = z.infer<typeof ScenarioExpectationsSchema>;

/**
 * A saved test call: inputs (who, when, what the caller does, how queues, transfers, callbacks and web services
 * answer) and what must happen. Scenarios live in the flow document and never change the compiled flow.
 */
export const ScenarioSchema = z.object({
  name: z.string().min(1, 'must not be empty').max(120),
  description: z.string().max(2000).default(''),
  call: ScenarioCallSchema,
  script: z.array(CallerActionSchema).max(500).default([]),
  /** State of every queue the call meets, unless `queues` names it. */
  queue: QueueStateSchema.default(QueueStateSchema.parse({})),
  queues: z.record(z.string().min(1).max(100), QueueStateSchema).default({}),
  transfer: TransferOutcomeSchema.default(TransferOutcomeSchema.parse({})),
  callback: CallbackBookingSchema.default(CallbackBookingSchema.parse({})),
  http: z.array(HttpMockSchema).max(50).default([]),
  expect: ScenarioExpectationsSchema.default(ScenarioExpectationsSchema.parse({})),
});
/** A scenario as stored (defaults applied). */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written by hand or sent by a client (defaults may be left out). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** What a simulated call starts from: a scenario without its name, script and expectations. */
export type SimulationInputs = Pick<Scenario, 'call' | 'queue' | 'queues' | 'transfer' | 'callback' | 'http'>;
