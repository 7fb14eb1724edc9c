import { createReadStream, existsSync, statSync } from "node:fs";
import type { RequestListener } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".map": "application/json",
};

/**
 * Serves the designer's production build (Vite's `dist/`) as the HTTP server's fallback: files by path, and
 * `index.html` for every other page (the app routes in the browser). Hashed files under `assets/` are cached for
 * good; `index.html` never is, so a new build shows on the next load. Without a build it answers 503 saying how
 * to make one.
 */
export function staticFiles(root: string): RequestListener {
  const index = join(root, "index.html");
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method not allowed");
      return;
    }
    if (!existsSync(index)) {
      res
        .writeHead(503, { "content-type": "text/plain; charset=utf-8" })
        .end("The designer is not built yet: run `pnpm --filter @switchboard/designer build`, then reload. The API is under /trpc/.");
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
    } catch {
      res.writeHead(400, { "content-type": "text/plain" }).end("Bad path");
      return;
    }
    const file = normalize(join(root, path));
    const inside = file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
    const isFile = inside && existsSync(file) && statSync(file).isFile();
    if (!isFile && extname(path) !== "" && path.startsWith("/assets/")) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`Not found: ${path}`);
      return;
    }
    const served = isFile ? file : index;
    const headers: Record<string, string> = {
      "content-type": CONTENT_TYPES[extname(served)] ?? "application/octet-stream",
      "cache-control": served.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
    };
    res.writeHead(200, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(served).pipe(res);
  };
}
