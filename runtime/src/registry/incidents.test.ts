import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { ActiveIncident, DeploymentFeed } from '../services/contracts.js';
import { IncidentOverrides } from './incidents.js';

function feed() {
  const overrides = new Set<(event: { environment: string; address: string | null; schedules?: boolean }) => void>();
  const reconnects = new Set<() => void>();
  const bus: DeploymentFeed = {
    subscribe: () => () => undefined,
    subscribeOverrides: (listener) => (overrides.add(listener), () => overrides.delete(listener)),
    onReconnect: (listener) => (reconnects.add(listener), () => reconnects.delete(listener)),
  };
  return { bus, notify: (environment: string) => overrides.forEach((l) => l({ environment, address: null })), reconnect: () => reconnects.forEach((l) => l()) };
}

const T = Date.parse('2026-12-04T10:00:00Z');
const global: ActiveIncident = { id: 'g', address: null, mode: 'emergency', announcement: {}, endsAt: T + 60_000 };
const own: ActiveIncident = { id: 'o', address: '+15550101', mode: 'announce', announcement: { en: { text: 'Outage.' } }, endsAt: null };

describe('incident overrides in the runtime', () => {
  it("gives a call its binding's own override, else the global one, and none once the end time passed", async () => {
    const overrides = new IncidentOverrides({ source: { activeIncidents: async () => [global, own] }, environment: 'production', logger: pino({ level: 'silent' }) });
    await overrides.start();
    expect(overrides.forCall('+15550101', T)).toEqual({ id: 'o', mode: 'announce', announcement: { en: { text: 'Outage.' } } });
    expect(overrides.forCall('+15550100', T)).toEqual({ id: 'g', mode: 'emergency' });
    expect(overrides.forCall('+15550100', T + 60_000)).toBeNull();
    overrides.close();
  });

  it('re-reads on a notice for its environment and after the bus reconnects; keeps the last state when the read fails', async () => {
    let rows: ActiveIncident[] = [];
    let broken = false;
    const source = { activeIncidents: vi.fn(async () => (broken ? Promise.reject(new Error('database down')) : rows)) };
    const { bus, notify, reconnect } = feed();
    const overrides = new IncidentOverrides({ source, environment: 'production', logger: pino({ level: 'silent' }) });
    await overrides.start(bus);
    expect(overrides.forCall('+15550100', T)).toBeNull();
    rows = [global];
    notify('staging');
    expect(source.activeIncidents).toHaveBeenCalledTimes(1);
    notify('production');
    await vi.waitFor(() => expect(overrides.forCall('+15550100', T)?.id).toBe('g'));
    broken = true;
    reconnect();
    await vi.waitFor(() => expect(source.activeIncidents).toHaveBeenCalledTimes(3));
    expect(overrides.forCall('+15550100', T)?.id).toBe('g');
    broken = false;
    rows = [];
    reconnect();
    await vi.waitFor(() => expect(overrides.forCall('+15550100', T)).toBeNull());
    overrides.close();
  });
});
