import type { z } from 'zod';
import type { Said } from '../interpreter/reasons.js';
import type { CompiledCalendar } from '../calendars/compiled.js';
import type { DiagnosticSink, ReportOverrides } from '../diagnostics/diagnostic.js';
import type { DiagnosticMessageId, DiagnosticMessageParams, FixedDiagnosticMessageId } from '../diagnostics/messages.js';
import type { Prompt, VariableDeclaration, VariableValue } from '../document/common.js';
import type { ExpressionChecker } from '../expressions/cel.js';
import type { CallOutcome, Effect, ResolvedPrompt } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import type { CallState } from '../interpreter/state.js';
import type { SwitchRequirement } from '../switch/requirements.js';

/** Grouping in the designer's palette. */
export type NodeCategory = 'entry' | 'caller' | 'routing' | 'queue' | 'integration' | 'end';

/** A named exit of a node that an edge can leave from. */
export interface OutletSpec {
  name: string;
  label: string;
  /**
   * When an optional outlet is unconnected, the call takes this sibling outlet instead (e.g. a schedule's
   * `holiday` falls back to `closed`). Outlets without a fallback must be connected (SB202).
   */
  fallback?: string;
  /** May stay unconnected without a fallback; the node knows what to do then (it reads `RuntimeNode.next`). */
  optional?: boolean;
  /** For optional outlets: a best-practice warning to report when the outlet is left unconnected (e.g. SB150). */
  unconnected?: FixedDiagnosticMessageId;
}

/** Context for compile-time checks of one node. */
export interface CompileContext {
  /** Name of the flow being compiled (a Sub-flow node must not call it: SB303). */
  readonly flowName: string;
  readonly nodeId: string;
  /** Path of the node's `data` in the document, e.g. `nodes[4].data`. */
  readonly dataPath: string;
  readonly diagnostics: DiagnosticSink;
  readonly languages: readonly string[];
  readonly variables: ReadonlyMap<string, VariableDeclaration>;
  readonly expressions: ExpressionChecker;
  /** Report a problem in this node's data at a relative field path (`options[2].digit`). */
  report<Id extends DiagnosticMessageId>(id: Id, field: string, params: DiagnosticMessageParams<Id>, overrides?: ReportOverrides): void;
  /** Check a prompt: not empty, every declared language covered, `${var}` names known. */
  checkPrompt(prompt: Prompt | undefined, field: string, options?: { required?: boolean; extraNames?: readonly string[] }): void;
}

/** A node as the interpreter sees it: compiled config plus resolved transitions. */
export interface RuntimeNode<C> {
  id: string;
  type: string;
  config: C;
  /** Outlet → next node id, `null` when unconnected: lets a node skip behaviour that has nowhere to go. */
  next: Readonly<Record<string, string | null>>;
}

/** Read access to the call plus the helpers a node step needs. Nodes stay pure: no clock, no I/O. */
export interface StepContext {
  readonly state: CallState;
  /** Time of the event being handled (epoch ms). */
  readonly now: number;
  readonly flowName: string;
  /** Choose the caller's language and fill `${var}` placeholders. `extra` adds names such as `position`. */
  resolvePrompt(prompt: Prompt, extra?: Record<string, VariableValue>): ResolvedPrompt;
  /** Evaluate a compiled CEL expression against the call's variables. Never throws: errors come back as values. */
  evaluate(source: string): { ok: true; value: VariableValue } | { ok: false; error: string };
  /** A shared calendar by name, as the call pinned it at its start; undefined when the call does not have it. */
  calendar(name: string): CompiledCalendar | undefined;
  /** Current value of a flow variable or built-in (`caller`, `dialled`, `language`). */
  variable(name: string): VariableValue | undefined;
  /** Change a flow variable; also emits a `setVariable` effect so the edge can mirror it onto the channel. */
  setVariable(name: string, value: VariableValue): void;
  /** Speak later prompts in `language`; ignored unless it is one of the flow's languages. */
  setLanguage(language: string): void;
  /** Remember which queue the caller was routed to (waited in, or turned away from) — for keep-your-place callbacks. */
  setLastQueue(queue: CallState['lastQueue']): void;
  /** Mark that the caller reached a person (for containment metrics). */
  markReachedAgent(): void;
  /**
   * Record how the call went without ending it (e.g. answeredFromQueue before the flow goes on to a survey).
   * A later plain hang-up keeps this outcome.
   */
  recordOutcome(outcome: CallOutcome): void;
}

/** What a node asks the interpreter to do after entering it or handling an event. */
export type NodeOutcome =
  /**
   * Leave by an outlet at once. `reason` says why for the visit record (e.g. "invalid input after 3 tries");
   * without it the interpreter describes the event that was handled ("pressed 1", "queue exit: timeout").
   */
  | { kind: 'next'; outlet: string; effects?: Effect[]; reason?: string; /** `reason` by message id (`because(…)` gives both). */ said?: Said; /** The caller's input failed (retries used up): a hang-up next is not self-service. */ inputFailed?: boolean }
  /** Stay on this node until an event arrives; `local` is the node's own state, handed back on resume. */
  | { kind: 'wait'; effects: Effect[]; local: unknown }
  /** The event does not concern this node: keep waiting, change nothing. */
  | { kind: 'ignore' }
  /** End the call here. */
  | { kind: 'end'; effects: Effect[]; outcome: CallOutcome; reason: string; said?: Said }
  /** Call a sub-flow (only the sub-flow node). */
  | { kind: 'call'; flow: string }
  /** Return from a sub-flow with a named outcome (only the return node). */
  | { kind: 'return'; outcome: string };

/**
 * Everything Switchboard knows about one node type. One module per type implements this and is listed in the
 * registry; the document schema, palette, compiler, linter and interpreter are all derived from it.
 *
 * @typeParam D - the node's data as saved in the document
 * @typeParam C - the node's compiled configuration (JSON), what the interpreter reads
 */
export interface NodeDefinition<T extends string, D, C> {
  type: T;
  title: string;
  description: string;
  category: NodeCategory;
  dataSchema: z.ZodType<D, unknown>;
  /** Data for a freshly dropped node. Must compile without errors once its outlets are connected. */
  defaults(): D;
  outlets(data: D): OutletSpec[];
  /** Needs a caller on the line (plays, collects, queues…). After a caller hangs up such nodes end the call. */
  callerFacing: boolean;
  /** True for nodes where the call usually waits for the caller (bounds loops: SB203). */
  waitsForCaller: boolean;
  /** Validate beyond the schema and produce the compiled config. Report problems through `ctx`; never throw. */
  compile(data: D, ctx: CompileContext): C;
  /** Best-practice checks that look at the node alone (graph-wide rules live in the linter). */
  lint?(data: D, ctx: CompileContext): void;
  /** The call arrives at the node. */
  enter(node: RuntimeNode<C>, ctx: StepContext): NodeOutcome;
  /** An event arrives while the call waits on this node. Absent for nodes that never wait. */
  resume?(node: RuntimeNode<C>, local: unknown, event: CallEvent, ctx: StepContext): NodeOutcome;
  /** Variables this node writes (for the designer's variable picker and SB134). */
  writes?(data: D): string[];
  /** Placeholders this node's prompts may use besides the flow's variables (e.g. a queue's `${position}`). */
  promptPlaceholders?: readonly string[];
  /** Names of shared calendars this node reads (checked against the stored calendars when publishing: SB304). */
  calendars?(data: D): string[];
  /** Names of flows this node calls as sub-flows (recorded in the compiled flow for SB301/SB302). */
  calls?(data: D): string[];
  /**
   * What the switch must have for this node to work (queues, voicemail, text-to-speech, audio formats, transfer
   * endpoints), from its compiled config. Every node type in the registry declares it, `() => []` when it needs
   * nothing (a test enforces this); the runtime checks live flows against the switch and publishing warns.
   */
  requirements?(config: C): SwitchRequirement[];
}

/** Erased form used by registries and generic code. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<string, any, any>;

/** Helper so each node module gets full inference while the registry keeps the literal type. */
export function defineNode<T extends string, D, C>(definition: NodeDefinition<T, D, C>): NodeDefinition<T, D, C> {
  return definition;
}
