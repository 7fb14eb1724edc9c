import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { SwitchHealth } from '../capabilities/capability-monitor.js';
import type { CallbackGroupsHealth } from '../services/callbacks/switch-groups.js';

/** What `/healthz` reports. */
export interface HealthReport {
  /**
   * `ok`: serving flows; `degraded`: serving, but something is down (ESL, database), a live flow needs what the
   * switch lacks, or callbacks of this runtime's switch group wait with no live dialer; `unavailable`: nothing loaded;
   * `draining`: stopping — it takes no new calls (a balancer must send them elsewhere) while its calls finish.
   */
  readonly status: 'ok' | 'degraded' | 'unavailable' | 'draining';
  readonly esl: { readonly configured: boolean; readonly state: string; readonly connections: number; readonly lastError: string | undefined };
  readonly registry: { readonly loaded: boolean; readonly bindings: number };
  readonly database: { readonly reachable: boolean; readonly lastError: string | undefined };
  readonly activeCalls: number;
  /** What the switch has and which live flows need something it lacks; null without an inbound connection. */
  readonly switch: SwitchHealth | null;
  /**
   * Callbacks per switch group: how many wait, live dialers, whether this runtime dials for the group, and a
   * `problem` when callbacks wait that no live dialer can place. Null without a database.
   */
  readonly callbacks: CallbackGroupsHealth | null;
}

/** `/metrics` (Prometheus text) and `/healthz` (JSON; 200 unless it takes no calls — nothing loaded or draining — then 503). */
export class OperationsServer {
  private readonly server: Server;

  constructor(
    private readonly registry: Registry,
    private readonly health: () => HealthReport,
  ) {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET') {
        response.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      if (path === '/metrics') {
        this.registry.metrics().then(
          (body) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
          (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
        );
        return;
      }
      if (path === '/healthz') {
        const report = this.health();
        response.writeHead(report.status === 'unavailable' || report.status === 'draining' ? 503 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(report));
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /healthz\n');
    });
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
