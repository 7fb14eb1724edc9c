import { Counter, Gauge, type Registry } from 'prom-client';
import pino, { type Logger } from 'pino';

/**
 * A counter on `registry`, reusing the one already registered under `name` (several services, or a restarted
 * dialer in the same process, share one registry without "already registered" errors).
 */
export function counterOn<L extends string>(registry: Registry | undefined, name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ name, help, labelNames, registers: registry ? [registry] : [] });
}

/** A gauge on `registry`, reused like {@link counterOn}. */
export function gaugeOn<L extends string>(registry: Registry | undefined, name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
  const existing = registry?.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return new Gauge<L>({ name, help, labelNames, registers: registry ? [registry] : [] });
}

/** The logger services use when none is passed: silent, so tests and library use stay quiet. */
export function quietLogger(): Logger {
  return pino({ level: 'silent' });
}

/** The smallest slice of `InboundClient` the services need (tests may pass a fake). */
export interface EslApi {
  api(command: string): Promise<string>;
  bgapi(command: string, jobUuid?: string): Promise<string>;
}
