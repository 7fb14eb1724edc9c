import { analyticsRouter } from "./routers/analytics/router.js";
import { auditRouter } from "./routers/audit/router.js";
import { authRouter } from "./routers/auth/router.js";
import { calendarsRouter } from "./routers/calendars/router.js";
import { callsRouter } from "./routers/calls/router.js";
import { deploymentsRouter } from "./routers/deployments/router.js";
import { flowsRouter } from "./routers/flows/router.js";
import { incidentsRouter } from "./routers/incidents/router.js";
import { schedulesRouter } from "./routers/schedules/router.js";
import { switchesRouter } from "./routers/switches/router.js";
import { usersRouter } from "./routers/users/router.js";
import { router } from "./trpc.js";

export const appRouter = router({
  auth: authRouter,
  flows: flowsRouter,
  deployments: deploymentsRouter,
  users: usersRouter,
  audit: auditRouter,
  switches: switchesRouter,
  incidents: incidentsRouter,
  schedules: schedulesRouter,
  calendars: calendarsRouter,
  analytics: analyticsRouter,
  calls: callsRouter,
});

/** The API's type, for typed clients (the designer UI, the CLI, tests). */
export type AppRouter = typeof appRouter;
