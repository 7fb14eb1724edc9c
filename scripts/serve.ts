/**
 * Starts Switchboard: migrate the database, seed one user per role, publish and bind the example flows, and
 * serve the API on one port. Configuration (all optional):
 *   PORT (3000), HOST (127.0.0.1), DATABASE_URL (postgres://… for PostgreSQL; default embedded PGlite),
 *   SWITCHBOARD_DATA_DIR (.data/pglite), SWITCHBOARD_<ROLE>_PASSWORD for the seeded users,
 *   SWITCHBOARD_SECURE_COOKIES=1 when served over HTTPS.
 */
import { fileURLToPath } from "node:url";
import { createDatabase } from "../prisma/src/index.js";
import { createApiServices, publishExampleFlows, seedUsers, startHttpServer } from "../designer/server/index.js";
import { staticFiles } from "../designer/server/static-files.js";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function serve(env: NodeJS.ProcessEnv = process.env) {
  const db = await createDatabase({ dataDir: env.SWITCHBOARD_DATA_DIR ?? `${root}.data/pglite` });
  console.log(`Database: ${db.location}`);
  if (db.migrations.applied.length > 0) console.log(`Applied migrations: ${db.migrations.applied.join(", ")}`);

  const users = await seedUsers(db.prisma, env);
  const created = users.filter((u) => u.password);
  if (created.length > 0) {
    console.log("\nUsers created (passwords are shown this once; set SWITCHBOARD_<ROLE>_PASSWORD to choose them):");
    for (const user of created) console.log(`  ${user.role.padEnd(9)} ${user.email.padEnd(28)} ${user.passwordFrom === "env" ? "(password from env)" : user.password}`);
    console.log("");
  }

  const services = await createApiServices(db, { secureCookies: env.SWITCHBOARD_SECURE_COOKIES === "1" });
  for (const result of await publishExampleFlows(services, `${root}flows/examples`)) {
    if (result.problem) console.warn(`Example ${result.file} not published: ${result.problem}`);
    else console.log(`Example ${result.flowName} v${result.versionNumber}${result.boundTo?.length ? ` bound to ${result.boundTo.join(", ")}` : ""}`);
  }

  const server = await startHttpServer(services, {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "127.0.0.1",
    // The designer's production build (designer/dist) on the same port as the API.
    fallback: staticFiles(`${root}designer/dist`),
  });
  console.log(`\nSwitchboard designer on ${server.url}/ — API on ${server.url}/trpc (health: ${server.url}/healthz)`);

  const stop = async () => {
    await server.close();
    await services.deploymentEvents.close();
    await db.close();
  };
  return { server, db, services, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await serve();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: shutting down`);
      void running.stop().then(() => process.exit(0));
    });
  }
}
