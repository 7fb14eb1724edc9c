import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { appRouter } from "./app-router.js";
import { createRequestContext } from "./context.js";
import { crossOriginRefusal } from "./cross-origin.js";
import { httpErrorBody, referenceForUnexpected, unexpectedErrorMessage } from "./errors.js";
import { formatBytes } from "./limits.js";
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

/** A refusal made by the HTTP layer itself, before tRPC runs. */
interface Refusal {
  status: number;
  code: TRPC_ERROR_CODE_KEY;
  message: string;
}

type BodyResult = { ok: true; body: string } | { ok: false; refusal: Refusal };

function tooLarge(maxBodyBytes: number): Refusal {
  return {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: `Request body is larger than ${formatBytes(maxBodyBytes)}, the most this server accepts (SWITCHBOARD_MAX_BODY_BYTES); send less, e.g. import fewer flows at once`,
  };
}

/**
 * Reads a request body of at most `maxBodyBytes`. A declared `Content-Length` over the limit is refused before a
 * byte is read; otherwise bytes are counted as they arrive and reading stops at the first byte over the limit, so
 * a huge body is never held in memory.
 */
function readLimitedBody(req: IncomingMessage, maxBodyBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyResult) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes) {
        req.pause();
        finish({ ok: false, refusal: tooLarge(maxBodyBytes) });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, received).toString("utf8") });
    const onError = () => finish({ ok: false, refusal: { status: 400, code: "BAD_REQUEST", message: "The request body could not be read (the connection broke)" } });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers["content-length"];
  if (header === undefined || !/^\d+$/.test(header)) return null;
  return Number(header);
}

/**
 * Answers a refusal. When the body was not (fully) read, the connection is closed once the answer is sent so the
 * rest of the body is never read.
 */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal, bodyUnread: boolean): void {
  const api = (req.url ?? "").startsWith(`${API_PREFIX}/`);
  const headers: Record<string, string> = { "content-type": api ? "application/json" : "text/plain; charset=utf-8" };
  if (bodyUnread) headers.connection = "close";
  res.writeHead(refusal.status, headers).end(api ? httpErrorBody(refusal.code, refusal.status, refusal.message) : refusal.message);
  if (bodyUnread) {
    // Give the client a moment to read the answer, then drop the connection rather than drain what it still sends.
    res.once("finish", () => setTimeout(() => req.socket.destroy(), 1000).unref());
  }
}

/** Serves the tRPC API under /trpc, a health check under /healthz and, through `fallback`, the designer — on one port. */
export async function startHttpServer(services: ApiServices, options: HttpServerOptions): Promise<RunningServer> {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: `${API_PREFIX}/`,
    createContext: ({ req, res }) => createRequestContext(services, req, (cookie) => res.appendHeader("Set-Cookie", cookie)),
    // Unexpected errors are logged, with a reference the client also receives, by publicError (errors.ts).
  });

  const serveApi = async (req: IncomingMessage, res: ServerResponse) => {
    const { maxBodyBytes } = services.limits;
    const length = declaredLength(req);
    if (length !== null && length > maxBodyBytes) return refuse(req, res, tooLarge(maxBodyBytes), true);
    if (req.method === "POST") {
      const body = await readLimitedBody(req, maxBodyBytes);
      if (!body.ok) return refuse(req, res, body.refusal, true);
      // tRPC's adapter takes a string body as already read.
      (req as IncomingMessage & { body?: string }).body = body.body;
    }
    await trpc(req, res);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
      return;
    }
    const crossSite = crossOriginRefusal(req.method, req.headers, services.limits.trustedOrigins);
    if (crossSite) return refuse(req, res, { status: 403, code: "FORBIDDEN", message: crossSite }, true);
    if (path.startsWith(`${API_PREFIX}/`)) {
      serveApi(req, res).catch((error: unknown) => {
        const message = unexpectedErrorMessage(referenceForUnexpected(error, `HTTP ${req.method} ${path}`));
        if (res.headersSent) res.destroy();
        else refuse(req, res, { status: 500, code: "INTERNAL_SERVER_ERROR", message }, !req.readableEnded);
      });
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
