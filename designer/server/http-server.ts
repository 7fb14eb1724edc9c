import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter } from "./app-router.js";
import { createRequestContext } from "./context.js";
import type { ApiServices } from "./trpc.js";

export const API_PREFIX = "/trpc";

export interface RunningServer {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** Answers every request outside /trpc and /healthz (the designer's pages); 404 when absent. */
  fallback?: RequestListener;
}

/** Serves the tRPC API under /trpc, a health check under /healthz and, through `fallback`, the designer — on one port. */
export async function startHttpServer(services: ApiServices, options: HttpServerOptions): Promise<RunningServer> {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: `${API_PREFIX}/`,
    createContext: ({ req, res }) => createRequestContext(services, req, (cookie) => res.appendHeader("Set-Cookie", cookie)),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`API error in ${path ?? "(unknown procedure)"}:`, error.cause ?? error);
    },
  });
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
      return;
    }
    if (path.startsWith(`${API_PREFIX}/`)) {
      void trpc(req, res);
      return;
    }
    if (options.fallback) {
      options.fallback(req, res);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end(`Not found: ${path}. The API is under ${API_PREFIX}/`);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
