export { createDatabase, DEFAULT_DATA_DIR, type Database, type DatabaseOptions } from "./create-database.js";
export { migrate, readMigrations, MigrationError, MIGRATIONS_DIR, type MigrationFile, type MigrationResult } from "./migrate.js";
export { ANSWER_WAIT_BUCKETS_SECONDS, recordLateSurveyAnswer, rollUpEndedCalls } from "./analytics-rollups.js";
export { claimDueCallbacks, dueCallbacks, type ClaimedCallback, type ClaimDueCallbacksOptions, type DueCallback, type DueCallbacksOptions } from "./callbacks.js";
export type { SqlConnection, SqlDriver } from "./sql.js";
export {
  deploymentChannel,
  deploymentEventsFor,
  inProcessDeploymentEvents,
  postgresDeploymentEvents,
  type CalendarChanged,
  type CalendarListener,
  type DeploymentChanged,
  type DeploymentEvents,
  type DeploymentListener,
  type OverrideChanged,
  type OverrideListener,
  type PostgresBusOptions,
} from "./deployment-events.js";
export * from "./generated/client.js";
