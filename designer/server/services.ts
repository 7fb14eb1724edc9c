import type { Database } from "@switchboard/db";
import { deploymentEventsFor } from "@switchboard/db";
import { DEFAULT_API_LIMITS } from "./limits.js";
import type { ApiServices } from "./trpc.js";

/** Wires the API's shared services to a database: in-process events on PGlite, LISTEN/NOTIFY on PostgreSQL. */
export async function createApiServices(db: Database, overrides: Partial<ApiServices> = {}): Promise<ApiServices> {
  return {
    prisma: db.prisma,
    deploymentEvents: overrides.deploymentEvents ?? (await deploymentEventsFor(db)),
    now: overrides.now ?? (() => new Date()),
    secureCookies: overrides.secureCookies ?? false,
    limits: overrides.limits ?? DEFAULT_API_LIMITS,
  };
}
