import type { Database } from '@switchboard/db';
import type { ActiveIncident, IncidentSource } from '../contracts.js';

const ENVIRONMENTS = new Set(['staging', 'production']);

/** Reads the incident overrides switched on in an environment (their end time is checked at each call). */
export function createIncidentSource(db: Pick<Database, 'prisma'>): IncidentSource {
  return {
    async activeIncidents(environment) {
      if (!ENVIRONMENTS.has(environment)) return [];
      const rows = await db.prisma.incidentOverride.findMany({
        where: { environment: environment as 'staging' | 'production', endedAt: null },
        include: { binding: { select: { address: true } } },
      });
      return rows.map(
        (row): ActiveIncident => ({
          id: row.id,
          address: row.binding?.address ?? null,
          mode: row.mode,
          announcement: (row.announcement ?? {}) as ActiveIncident['announcement'],
          endsAt: row.endsAt ? row.endsAt.getTime() : null,
        }),
      );
    },
  };
}
