import type { CallIncident } from '@switchboard/flows';
import type { Logger } from 'pino';
import type { ActiveIncident, DeploymentFeed, IncidentSource } from '../services/contracts.js';

export interface IncidentOverridesOptions {
  readonly source: IncidentSource;
  readonly environment: string;
  readonly logger: Logger;
  /** Re-read this often even without notices (a safety net; notices make changes effective at once). */
  readonly refreshEveryMs?: number;
}

/**
 * The incident overrides in force in this runtime's environment, in memory, so a new call learns its override
 * without a database round trip. Re-read on every "override changed" notice, after the notice bus reconnects
 * (notices sent meanwhile were missed), and every `refreshEveryMs`; an override whose end time has passed stops
 * applying at once, without waiting for anyone to switch it off.
 */
export class IncidentOverrides {
  private incidents: ActiveIncident[] = [];
  private ticket = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly cleanups: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: IncidentOverridesOptions) {}

  async start(feed?: DeploymentFeed): Promise<void> {
    if (feed?.subscribeOverrides) {
      this.cleanups.push(
        feed.subscribeOverrides((event) => {
          if (event.environment === this.options.environment && !event.schedules) void this.reload();
        }),
      );
    }
    if (feed?.onReconnect) this.cleanups.push(feed.onReconnect(() => void this.reload()));
    const every = this.options.refreshEveryMs ?? 30_000;
    this.timer = setInterval(() => void this.reload(), every);
    this.timer.unref();
    await this.reload();
  }

  /** Re-reads the overrides; an older read answering late never replaces a newer one. Keeps the last on failure. */
  async reload(): Promise<void> {
    if (this.closed) return;
    const ticket = ++this.ticket;
    try {
      const incidents = await this.options.source.activeIncidents(this.options.environment);
      if (ticket !== this.ticket) return;
      const before = this.incidents.map((i) => i.id).sort().join();
      this.incidents = incidents;
      if (incidents.map((i) => i.id).sort().join() !== before) {
        this.options.logger.info({ incidents: incidents.map((i) => ({ id: i.id, address: i.address ?? 'all', mode: i.mode })) }, 'incident overrides changed');
      }
    } catch (error) {
      this.options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'incident overrides unavailable; keeping the last known');
    }
  }

  /** The override a new call to `address` starts under at `now`: the binding's own, else the global one. */
  forCall(address: string, now: number): CallIncident | null {
    let global: ActiveIncident | null = null;
    for (const incident of this.incidents) {
      if (incident.endsAt !== null && incident.endsAt <= now) continue;
      if (incident.address === address) return toCall(incident);
      if (incident.address === null) global = incident;
    }
    return global ? toCall(global) : null;
  }

  /** Overrides in force now (for /healthz and tests). */
  active(now: number): readonly ActiveIncident[] {
    return this.incidents.filter((incident) => incident.endsAt === null || incident.endsAt > now);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

function toCall(incident: ActiveIncident): CallIncident {
  return incident.mode === 'announce' ? { id: incident.id, mode: 'announce', announcement: incident.announcement } : { id: incident.id, mode: 'emergency' };
}
