export { appRouter, type AppRouter } from "./app-router.js";
export { createApiClient, type ApiClient } from "./client.js";
export { startHttpServer, API_PREFIX, type HttpServerOptions, type RunningServer } from "./http-server.js";
export { createApiServices } from "./services.js";
export { inProcessDeploymentEvents, postgresDeploymentEvents, type DeploymentChanged, type DeploymentEvents } from "@switchboard/db";
export { PERMISSIONS, roleHasPermission, type Permission } from "./permissions.js";
export { hashPassword } from "./passwords.js";
export { seedUsers, publishExampleFlows } from "./seed.js";
export { startScheduler, type Scheduler, type SchedulerOptions } from "./scheduling/scheduler.js";
