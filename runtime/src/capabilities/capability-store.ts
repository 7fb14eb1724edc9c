import { Prisma, type Database, type Environment } from '@switchboard/db';
import type { CapabilityReport, CapabilityStore } from './capability-monitor.js';

/** Who is reporting about which switch: one row of `switch_capabilities` per pair. */
export interface CapabilityReporter {
  /** `hostname:pid` of this runtime. */
  readonly runtimeInstance: string;
  readonly environment: Environment;
  /** `host:port` of the switch's event socket. */
  readonly switchHost: string;
}

/**
 * Keeps the latest report in `switch_capabilities` (replacing this runtime's row for this switch), where the
 * designer's numbers page and publishing read it, whether or not the API runs in this process.
 */
export function databaseCapabilityStore(database: Database, reporter: CapabilityReporter): CapabilityStore {
  return {
    async save(report: CapabilityReport) {
      const data = {
        environment: reporter.environment,
        modules: { ...report.capabilities.modules },
        queues: report.capabilities.queues === null ? Prisma.DbNull : [...report.capabilities.queues],
        settings: { ...report.settings, dialStrings: { ...report.settings.dialStrings } },
        problems: report.problems.map((problem) => ({ ...problem })),
        checkedAt: report.checkedAt,
      };
      await database.prisma.switchCapabilities.upsert({
        where: { runtimeInstance_switchHost: { runtimeInstance: reporter.runtimeInstance, switchHost: reporter.switchHost } },
        create: { runtimeInstance: reporter.runtimeInstance, switchHost: reporter.switchHost, ...data },
        update: data,
      });
    },
  };
}
