/**
 * `POST /demo/calls` on the API port, for `pnpm demo-call`: `{ "to": "+15550100", "digits": ["2"], "from": "+44…" }`
 * places an emulated call and answers, when the runtime has ended it, `{ "line": "…", "report": {…} }`.
 * Local only (refused from other addresses) and JSON only (a web page cannot post it without a CORS preflight).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { formatCallReport } from "../call-handling/call-reports.js";
import type { DemoCallRequest, DemoCalls } from "./demo-calls.js";

export const DEMO_CALL_PATH = "/demo/calls";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const ADDRESS = /^[A-Za-z0-9+:._@-]{1,64}$/;
const DIGITS = /^[0-9*#]{1,32}$/;

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new Error("request too large");
  }
  return JSON.parse(text);
}

function demoCallRequest(body: unknown): DemoCallRequest | string {
  const { to, from, digits } = (body ?? {}) as Record<string, unknown>;
  if (typeof to !== "string" || !ADDRESS.test(to)) return "`to` must be a number or route such as +15550100";
  if (from !== undefined && (typeof from !== "string" || !ADDRESS.test(from))) return "`from` must be a caller number such as +447700900123";
  if (digits !== undefined && (!Array.isArray(digits) || !digits.every((d) => typeof d === "string" && DIGITS.test(d)))) return "`digits` must be a list of key presses such as [\"2\"]";
  return { to, ...(from === undefined ? {} : { from }), ...(digits === undefined ? {} : { digits: digits as string[] }) };
}

/** Answers `POST /demo/calls`; every other request goes to `next`. `demo` is null when a real FreeSWITCH is in use. */
export function withDemoCallEndpoint(demo: DemoCalls | null, next: RequestListener): RequestListener {
  return (req, res) => {
    if ((req.url ?? "").split("?")[0] !== DEMO_CALL_PATH) return next(req, res);
    if (req.method !== "POST") return reply(res, 405, { error: "POST a JSON body { to, digits?, from? }" });
    if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) return reply(res, 403, { error: "demo calls are placed from this machine only" });
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return reply(res, 415, { error: "send application/json" });
    if (!demo) return reply(res, 409, { error: "Switchboard is connected to a real FreeSWITCH (ESL_HOST): call the numbers from a phone" });
    void (async () => {
      let request: DemoCallRequest | string;
      try {
        request = demoCallRequest(await readJson(req));
      } catch (error) {
        return reply(res, 400, { error: `not a JSON request: ${error instanceof Error ? error.message : String(error)}` });
      }
      if (typeof request === "string") return reply(res, 400, { error: request });
      try {
        const report = await demo.placeRequested(request);
        reply(res, 200, { line: formatCallReport(report), report });
      } catch (error) {
        reply(res, 502, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  };
}
