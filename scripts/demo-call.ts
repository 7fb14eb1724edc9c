/**
 * `pnpm demo-call <number> [digits…] [--from <caller>]` — places an emulated call through the running
 * `pnpm start` (its emulated FreeSWITCH) and prints how it went, e.g.
 *
 *   pnpm demo-call +15550100 2          # main menu, press 2 for support
 *   pnpm demo-call +15550103 --from +442071234567
 *
 * Each digits argument answers one prompt that collects digits, in order. The server is SWITCHBOARD_URL
 * (default http://127.0.0.1:$PORT, PORT defaulting to 3000).
 */
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { DEMO_CALL_PATH } from "./demo/demo-call-endpoint.js";

const USAGE = "usage: pnpm demo-call <number> [digits…] [--from <caller number>]   e.g. pnpm demo-call +15550100 2";

export async function demoCall(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { from: { type: "string" } } });
  const [to, ...digits] = positionals;
  if (!to) {
    out(USAGE);
    return 2;
  }
  const base = (env.SWITCHBOARD_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/$/, "");
  let response: Response;
  try {
    response = await fetch(`${base}${DEMO_CALL_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to, digits, ...(values.from ? { from: values.from } : {}) }),
    });
  } catch (error) {
    out(`Switchboard is not running at ${base} (start it with npm start): ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const body = (await response.json().catch(() => ({}))) as { line?: string; error?: string };
  out(body.line ?? `Demo call failed (HTTP ${response.status}): ${body.error ?? "no details"}`);
  return response.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await demoCall(process.argv.slice(2), process.env, (line) => console.log(line));
}
