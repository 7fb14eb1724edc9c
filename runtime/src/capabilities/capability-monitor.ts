import {
  describeSwitchProblem,
  flowRequirements,
  modulesForRequirement,
  modulesNeeded,
  switchProblems,
  type SwitchCapabilities,
  type SwitchProblem,
  type SwitchRequirement,
  type SwitchSettings,
} from '@switchboard/flows';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { PinnedVersion } from '../registry/registry.js';
import { probeSwitch } from './switch-probe.js';

/** A need of a live flow that the switch cannot meet, with the binding whose calls would hit it. */
export type LiveFlowProblem = SwitchProblem & {
  /** The binding (number or route) whose live version contains the node. */
  readonly address: string;
  /** The binding's flow and live version; `flow` names the flow holding the node (it may be a sub-flow). */
  readonly flowName: string;
  readonly versionNumber: number;
};

/** The `switch` section of `/healthz`. */
export interface SwitchHealth {
  /** When the switch last answered the questions (ISO time); null before the first answer. */
  readonly checkedAt: string | null;
  /** Module → loaded, for every module asked about. */
  readonly modules: Readonly<Record<string, boolean>>;
  /** Queues mod_callcenter knows; null when unknown (not yet asked, or no mod_callcenter). */
  readonly queues: readonly string[] | null;
  /** Every live flow needing something the switch lacks. */
  readonly problems: readonly LiveFlowProblem[];
  /** Why the last check failed, if it did (the last answers are kept). */
  readonly lastError: string | undefined;
}

/** What a check found, as the store keeps it. */
export interface CapabilityReport {
  readonly capabilities: SwitchCapabilities;
  readonly settings: SwitchSettings;
  readonly problems: readonly LiveFlowProblem[];
  readonly checkedAt: Date;
}

/** Where reports go besides `/healthz` (the database, for the designer). Failures are logged, never thrown at calls. */
export interface CapabilityStore {
  save(report: CapabilityReport): Promise<void>;
}

export interface CapabilityMonitorOptions {
  /** Runs an `api` command on the inbound connection. */
  readonly api: (command: string) => Promise<string>;
  /** Every binding's live version now. */
  readonly liveVersions: () => readonly PinnedVersion[];
  readonly settings: SwitchSettings;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly now: () => Date;
  readonly store?: CapabilityStore;
}

/**
 * Requirements whose modules are always asked about, so that publishing can warn about a module no live flow
 * needs yet: one of each kind, and each stream or file type the mapping knows.
 */
const CATALOGUE: readonly SwitchRequirement[] = [
  { kind: 'queue', queue: '' },
  { kind: 'voicemail' },
  { kind: 'textToSpeech' },
  { kind: 'transfer', destination: 'extension' },
  { kind: 'transfer', destination: 'number' },
  { kind: 'transfer', destination: 'sip' },
  { kind: 'callback' },
  { kind: 'audio', file: 'local_stream://default' },
  { kind: 'audio', file: 'tone_stream://%(100,0,440)' },
  { kind: 'audio', file: 'prompt.wav' },
];

/**
 * Learns what the switch has (modules, callcenter queues) and reports every live flow that needs something it
 * lacks: in `/healthz` (`health`), a warn-level log line whenever the set of problems changes, the
 * `switchboard_switch_capability_problems` gauge, and the store. Call {@link check} when the inbound connection
 * is (re)established and when the live versions change; checks never overlap (one asked during another runs after it).
 */
export class SwitchCapabilityMonitor {
  private capabilities: SwitchCapabilities | null = null;
  private checkedAt: Date | null = null;
  private problems: LiveFlowProblem[] = [];
  private lastError: string | undefined;
  private lastLogged = '[]';
  private running: Promise<void> | null = null;
  private again = false;
  private readonly gauge: Gauge;

  constructor(private readonly options: CapabilityMonitorOptions) {
    this.gauge = new Gauge({
      name: 'switchboard_switch_capability_problems',
      help: 'Nodes of live flows needing something the switch lacks, by kind (missingModule, unknownQueue)',
      labelNames: ['kind'],
      registers: [options.registry],
    });
    this.gauge.set({ kind: 'missingModule' }, 0);
    this.gauge.set({ kind: 'unknownQueue' }, 0);
  }

  get health(): SwitchHealth {
    return {
      checkedAt: this.checkedAt?.toISOString() ?? null,
      modules: this.capabilities?.modules ?? {},
      queues: this.capabilities?.queues ?? null,
      problems: this.problems,
      lastError: this.lastError,
    };
  }

  /** Asks the switch again and re-compares the live flows; resolves when the answers (or the failure) are in. */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.checkOnce();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Re-compares the live flows with the last answers, without asking the switch (e.g. while it is unreachable). */
  recompare(): void {
    if (this.capabilities) this.update(this.capabilities);
  }

  private async checkOnce(): Promise<void> {
    const live = this.options.liveVersions();
    const needed = modulesNeeded(live.flatMap((pinned) => pinnedRequirements(pinned)), this.options.settings);
    const catalogue = CATALOGUE.flatMap((requirement) => modulesForRequirement(requirement, this.options.settings));
    const modules = [...new Set([...catalogue, ...needed])].sort();
    let capabilities: SwitchCapabilities;
    try {
      capabilities = await probeSwitch(this.options.api, modules);
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.options.logger.warn({ err: this.lastError }, 'could not learn the switch capabilities; keeping the last answers');
      this.recompare();
      return;
    }
    this.lastError = undefined;
    this.capabilities = capabilities;
    this.checkedAt = this.options.now();
    this.update(capabilities);
    const store = this.options.store;
    if (store) {
      await store
        .save({ capabilities, settings: this.options.settings, problems: this.problems, checkedAt: this.checkedAt })
        .catch((error: unknown) => this.options.logger.warn({ err: String(error) }, 'could not store the switch capabilities'));
    }
  }

  private update(capabilities: SwitchCapabilities): void {
    const problems: LiveFlowProblem[] = [];
    for (const pinned of [...this.options.liveVersions()].sort((a, b) => a.address.localeCompare(b.address))) {
      for (const problem of switchProblems(pinnedRequirements(pinned), capabilities, this.options.settings)) {
        problems.push({ ...problem, address: pinned.address, flowName: pinned.flowName, versionNumber: pinned.versionNumber });
      }
    }
    this.problems = problems;
    this.gauge.set({ kind: 'missingModule' }, problems.filter((p) => p.kind === 'missingModule').length);
    this.gauge.set({ kind: 'unknownQueue' }, problems.filter((p) => p.kind === 'unknownQueue').length);
    const signature = JSON.stringify(problems);
    if (signature === this.lastLogged) return;
    this.lastLogged = signature;
    if (problems.length === 0) {
      this.options.logger.info('every live flow has what it needs from the switch');
      return;
    }
    this.options.logger.warn(
      { problems: problems.map((p) => `${p.address} (${p.flowName} v${p.versionNumber}): ${describeSwitchProblem(p)}`) },
      `${problems.length} need${problems.length === 1 ? '' : 's'} of live flows the switch cannot meet`,
    );
  }
}

/** Requirements of a binding's live version and every sub-flow it links. */
function pinnedRequirements(pinned: PinnedVersion) {
  return Object.values(pinned.program.flows).flatMap((flow) => flowRequirements(flow));
}
