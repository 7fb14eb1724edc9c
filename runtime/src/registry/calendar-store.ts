import { parseCalendar, type CompiledCalendar } from '@switchboard/flows';
import type { Logger } from 'pino';
import { KeyedRetries } from './keyed-retries.js';
import type { CalendarSource, DeploymentFeed, StoredCalendar } from '../services/contracts.js';

export interface CalendarStoreOptions {
  readonly source: CalendarSource;
  readonly logger: Logger;
  /** Retry delays after a failed read (backoff with jitter). */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
}

/** Calendars by name, as new calls get them. A new frozen object on every change: a call keeps the one it pinned. */
export type CalendarSnapshot = Readonly<Record<string, CompiledCalendar>>;

/**
 * Every calendar's current revision, compiled, in memory. Loaded at start, refreshed on "calendar changed" notices
 * from the deployment bus (so a saved calendar is live for new calls within a database read of the notice, without
 * a new flow version). The registry links the snapshot into each binding's program; a call pins the program at its
 * start and so keeps the revisions it started with. When the database is down the store keeps what it has and retries.
 */
export class CalendarStore {
  private current: CalendarSnapshot = Object.freeze({});
  private readonly listeners = new Set<(snapshot: CalendarSnapshot) => void>();
  private readonly retries: KeyedRetries;
  private readonly tickets = new Map<string, number>();
  private unsubscribe: () => void = () => undefined;
  private closed = false;
  private lastError: string | undefined;

  constructor(private readonly options: CalendarStoreOptions) {
    this.retries = new KeyedRetries(options.retry);
  }

  /** The calendars new calls get now. */
  get snapshot(): CalendarSnapshot {
    return this.current;
  }

  get health(): { calendars: number; lastError: string | undefined } {
    return { calendars: Object.keys(this.current).length, lastError: this.lastError };
  }

  /** Listens to `feed`'s calendar notices and loads every calendar; resolves after the first attempt. */
  async start(feed?: DeploymentFeed): Promise<void> {
    const stopNotices = feed?.subscribeCalendars?.((event) => void this.refresh(event.name)) ?? (() => undefined);
    // Notices sent while the bus was reconnecting were missed: read every calendar again.
    const stopReconnects = feed?.onReconnect?.(() => void this.loadAll()) ?? (() => undefined);
    this.unsubscribe = () => {
      stopNotices();
      stopReconnects();
    };
    await this.loadAll();
  }

  /** Calls `listener` with the new snapshot after every change. Returns the function that stops listening. */
  onChange(listener: (snapshot: CalendarSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads one calendar (after a notice); keeps the old revision if the read fails, and retries. */
  async refresh(name: string): Promise<void> {
    if (this.closed) return;
    const ticket = (this.tickets.get(name) ?? 0) + 1;
    this.tickets.set(name, ticket);
    try {
      const stored = await this.options.source.currentCalendar(name);
      if (this.tickets.get(name) !== ticket || this.closed) return;
      this.succeeded(name);
      if (stored === null) {
        if (!(name in this.current)) return;
        const next: Record<string, CompiledCalendar> = { ...this.current };
        delete next[name];
        this.options.logger.info({ calendar: name }, 'calendar deleted');
        this.publish(next);
        return;
      }
      const compiled = this.compile(stored);
      if (!compiled || this.current[name]?.revision === compiled.revision) return;
      this.options.logger.info({ calendar: name, revision: compiled.revision }, 'calendar now at a new revision');
      this.publish({ ...this.current, [name]: compiled });
    } catch (error) {
      this.failed(name, error, () => this.refresh(name));
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
      const stored = await this.options.source.currentCalendars();
      const next: Record<string, CompiledCalendar> = {};
      for (const calendar of stored) {
        const compiled = this.compile(calendar) ?? this.current[calendar.name];
        if (compiled) next[calendar.name] = compiled;
      }
      this.succeeded('*');
      this.options.logger.info({ calendars: stored.length }, 'calendars loaded');
      this.publish(next);
    } catch (error) {
      this.failed('*', error, () => this.loadAll());
    }
  }

  /** A stored revision compiled; null (and an error logged) when it does not compile: the previous one stays. */
  private compile(stored: StoredCalendar): CompiledCalendar | null {
    const { calendar, diagnostics } = parseCalendar(stored.document, stored.revision);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!calendar || errors.length > 0) {
      this.options.logger.error({ calendar: stored.name, revision: stored.revision, problems: errors.map((d) => `${d.path}: ${d.message}`) }, 'calendar revision does not compile; keeping the previous one');
      return null;
    }
    return calendar;
  }

  private publish(next: Record<string, CompiledCalendar>): void {
    this.current = Object.freeze(next);
    for (const listener of [...this.listeners]) listener(this.current);
  }

  private succeeded(key: string): void {
    this.lastError = undefined;
    this.retries.succeeded(key);
  }

  private failed(key: string, error: unknown, again: () => Promise<void>): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    if (this.closed) return;
    const delay = this.retries.failed(key, again);
    this.options.logger.warn({ key, err: this.lastError, retryInMs: delay }, 'calendars unavailable; serving cached revisions');
  }
}
