import { linkProgram, type CompiledFlow, type Program } from '@switchboard/flows';
import type { Logger } from 'pino';
import { KeyedRetries } from './keyed-retries.js';
import type { DeploymentFeed, LiveVersion, VersionSource } from '../services/contracts.js';
import type { CalendarSnapshot, CalendarStore } from './calendar-store.js';

/** What a call pins at its start: one published version of a binding, with its sub-flows linked. */
export interface PinnedVersion {
  readonly address: string;
  readonly environment: string;
  readonly flowName: string;
  readonly versionId: string;
  readonly versionNumber: number;
  readonly program: Program;
}

/** Registry health for `/healthz`. */
export interface RegistryHealth {
  /** The first full load succeeded; calls can be served from memory from now on. */
  readonly loaded: boolean;
  /** The last read from the version source succeeded. */
  readonly databaseReachable: boolean;
  readonly bindings: number;
  readonly lastError: string | undefined;
}

export interface FlowRegistryOptions {
  readonly source: VersionSource;
  readonly environment: string;
  readonly logger: Logger;
  /** Retry delays after a failed read (backoff with jitter). */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  /** Shared calendars linked into every program (schedules name them); without it schedules decide without them. */
  readonly calendars?: CalendarStore;
}

/**
 * The live version of every binding (address × this runtime's environment), in memory. Loaded at start,
 * refreshed on "deployment changed" notices. A call pins the entry it found at its start and keeps it, so calls
 * in progress finish on their version while new calls get the new one at once. When the database is down the
 * registry keeps serving what it has and retries in the background.
 */
export class FlowRegistry {
  private readonly bindings = new Map<string, PinnedVersion>();
  /** Compiled flows by name: the live versions, and sub-flows fetched for them. */
  private readonly flows = new Map<string, CompiledFlow>();
  private readonly retries: KeyedRetries;
  /** Latest refresh per address: an older read that answers late must not overwrite a newer one. */
  private readonly tickets = new Map<string, number>();
  private loadedOnce = false;
  private reachable = false;
  private lastError: string | undefined;
  private unsubscribe: () => void = () => undefined;
  private readonly changeListeners = new Set<() => void>();
  private closed = false;
  private markLoaded: () => void = () => undefined;
  /** Resolves after the first successful full load. */
  readonly loaded: Promise<void> = new Promise((resolve) => (this.markLoaded = resolve));

  constructor(private readonly options: FlowRegistryOptions) {
    this.retries = new KeyedRetries(options.retry);
  }

  get environment(): string {
    return this.options.environment;
  }

  /** Starts listening to `feed` and loads every binding; resolves after the first attempt (failed or not). */
  async start(feed?: DeploymentFeed): Promise<void> {
    const calendars = this.options.calendars;
    if (calendars) {
      const stop = calendars.onChange((snapshot) => this.relinkCalendars(snapshot));
      const previous = this.unsubscribe;
      this.unsubscribe = () => {
        previous();
        stop();
      };
    }
    if (feed) {
      const stopCalendars = this.unsubscribe;
      const unsubscribe = feed.subscribe((event) => {
        if (event.environment === this.options.environment) void this.refresh(event.address);
      });
      // Deployment notices sent while the feed was reconnecting were missed: read every binding again.
      const unlisten = feed.onReconnect?.(() => void this.loadAll()) ?? (() => undefined);
      this.unsubscribe = () => {
        stopCalendars();
        unsubscribe();
        unlisten();
      };
    }
    await this.loadAll();
  }

  /** The version a new call to `address` runs, if any. */
  lookup(address: string): PinnedVersion | undefined {
    return this.bindings.get(address);
  }

  /** Every binding's live version, as new calls get them now. */
  live(): PinnedVersion[] {
    return [...this.bindings.values()];
  }

  /**
   * Calls `listener` after the live versions changed: the full load, a hot swap or a removed binding. Returns the
   * function that stops listening.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  get health(): RegistryHealth {
    return { loaded: this.loadedOnce, databaseReachable: this.reachable, bindings: this.bindings.size, lastError: this.lastError };
  }

  /** Re-reads one binding (after a deployment notice); keeps the old version if the read fails, and retries. */
  async refresh(address: string): Promise<void> {
    if (this.closed) return;
    const ticket = (this.tickets.get(address) ?? 0) + 1;
    this.tickets.set(address, ticket);
    try {
      const live = await this.options.source.liveVersion(address, this.options.environment);
      if (this.tickets.get(address) !== ticket) return;
      this.succeeded(address);
      if (live === null) {
        this.bindings.delete(address);
        this.options.logger.info({ address }, 'binding removed');
        this.changed();
        return;
      }
      await this.install(live);
      this.options.logger.info({ address, flow: live.flowName, version: live.versionNumber }, 'binding now runs a new version');
      this.changed();
    } catch (error) {
      this.failed(address, error, () => this.refresh(address));
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.retries.clear();
  }

  private async loadAll(): Promise<void> {
    if (this.closed) return;
    try {
      const versions = await this.options.source.liveVersions(this.options.environment);
      for (const live of versions) this.flows.set(live.flowName, live.compiled);
      for (const live of versions) await this.install(live);
      this.succeeded('*');
      if (!this.loadedOnce) {
        this.loadedOnce = true;
        this.markLoaded();
      }
      this.options.logger.info({ environment: this.options.environment, bindings: this.bindings.size }, 'flow registry loaded');
      this.changed();
    } catch (error) {
      this.failed('*', error, () => this.loadAll());
    }
  }

  /** Links `live` with its sub-flows and makes it what new calls get; re-links programs that call this flow. */
  private async install(live: LiveVersion): Promise<void> {
    this.flows.set(live.flowName, live.compiled);
    this.bindings.set(live.address, await this.pin(live));
    for (const [address, pinned] of this.bindings) {
      if (address !== live.address && pinned.flowName !== live.flowName && live.flowName in pinned.program.flows) {
        this.bindings.set(address, { ...pinned, program: linkProgram(pinned.program.flows[pinned.program.main] as CompiledFlow, this.libraryFor(pinned.program), this.options.calendars?.snapshot) });
      }
    }
  }

  private libraryFor(program: Program): CompiledFlow[] {
    return Object.keys(program.flows)
      .filter((name) => name !== program.main)
      .map((name) => this.flows.get(name) ?? (program.flows[name] as CompiledFlow));
  }

  private async pin(live: LiveVersion): Promise<PinnedVersion> {
    const library: CompiledFlow[] = [];
    const seen = new Set<string>([live.flowName]);
    const pending = [...live.compiled.subflows];
    while (pending.length > 0) {
      const name = pending.shift() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      let flow = this.flows.get(name);
      if (!flow) {
        // A missing sub-flow is not fatal: the calling node takes its failed route at call time.
        flow = (await this.options.source.flowByName(name, this.options.environment)) ?? undefined;
        if (flow) this.flows.set(name, flow);
      }
      if (!flow) continue;
      library.push(flow);
      pending.push(...flow.subflows);
    }
    return {
      address: live.address,
      environment: live.environment,
      flowName: live.flowName,
      versionId: live.versionId,
      versionNumber: live.versionNumber,
      program: linkProgram(live.compiled, library, this.options.calendars?.snapshot),
    };
  }

  /**
   * A calendar changed: new calls to every binding get the new snapshot. Calls in progress hold the program they
   * pinned, and so the calendar revisions they started with.
   */
  private relinkCalendars(snapshot: CalendarSnapshot): void {
    for (const [address, pinned] of this.bindings) this.bindings.set(address, { ...pinned, program: { ...pinned.program, calendars: snapshot } });
  }

  private changed(): void {
    for (const listener of [...this.changeListeners]) listener();
  }

  private succeeded(key: string): void {
    this.reachable = true;
    this.lastError = undefined;
    this.retries.succeeded(key);
  }

  private failed(key: string, error: unknown, again: () => Promise<void>): void {
    this.reachable = false;
    this.lastError = error instanceof Error ? error.message : String(error);
    if (this.closed) return;
    const delay = this.retries.failed(key, again);
    this.options.logger.warn({ key, err: this.lastError, retryInMs: delay }, 'flow versions unavailable; serving cached versions');
  }
}
