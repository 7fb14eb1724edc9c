import { afterEach, describe, expect, it } from "vitest";
import { inProcessDeploymentEvents, type PrismaClient } from "@switchboard/db";
import { startHttpServer, type RunningServer } from "./http-server.js";
import { LoginRateLimiter } from "./login-rate-limit.js";
import type { ApiServices } from "./trpc.js";

// These requests never reach the database.
const services: ApiServices = {
  prisma: {} as PrismaClient,
  deploymentEvents: inProcessDeploymentEvents(),
  loginRateLimiter: new LoginRateLimiter(),
  now: () => new Date(),
  secureCookies: false,
};

describe("HTTP server", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("answers the health check and says where the API is for unknown paths", async () => {
    running = await startHttpServer(services, { port: 0 });
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ ok: true });
    const missing = await fetch(`${running.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("Not found: /nowhere. The API is under /trpc/");
  });

  it("hands every other path to the designer's handler when one is given", async () => {
    running = await startHttpServer(services, { port: 0, fallback: (req, res) => res.end(`designer page ${req.url}`) });
    expect(await (await fetch(`${running.url}/flows/main`)).text()).toBe("designer page /flows/main");
    expect((await fetch(`${running.url}/trpc/nope.nothing`)).status).toBe(404);
  });
});
