/**
 * flowctl — keep flows in git: validate flow files, push them to a Switchboard server, pull them back, and
 * promote what runs in staging to production. Files hold no database ids; flows are matched by name.
 *
 *   flowctl validate <file.json…>
 *   flowctl push <file.json…> [--publish] [--message "why"] [--activate <number|route> --env staging|production] [--force]
 *   flowctl pull <flow name…> | --all [--version N] [--out flows]
 *   flowctl promote <number|route> [--from staging] [--to production] [--reason "why"]
 *
 * Server and login: SWITCHBOARD_URL (default http://127.0.0.1:3000), SWITCHBOARD_EMAIL, SWITCHBOARD_PASSWORD.
 * As a non-browser client it sends no Origin or Sec-Fetch-Site header, which the server's cross-site check lets
 * through (designer/server/cross-origin.ts); its session cookie is its credential.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createApiClient, TRPCClientError, type ApiClient } from "../designer/server/client.js";
import { compileFlow, formatDiagnostic, parseFlowDocument, type Diagnostic, type FlowDocument } from "../flows/src/index.js";

export interface FlowctlIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

const USAGE = `usage:
  flowctl validate <file.json…>
  flowctl push <file.json…> [--publish] [--message "why"] [--activate <number|route> --env staging|production] [--force]
    (--force replaces drafts holding someone else's unpublished edits or scenarios)
  flowctl pull <flow name…> | --all [--version N] [--out flows]
  flowctl promote <number|route> [--from staging] [--to production] [--reason "why"]
env: SWITCHBOARD_URL, SWITCHBOARD_EMAIL, SWITCHBOARD_PASSWORD`;

/** Runs one command; returns the process exit code (0 ok, 1 failed, 2 usage). */
export async function runFlowctl(argv: string[], io: FlowctlIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "validate":
        return await validate(rest, io);
      case "push":
        return await push(rest, io);
      case "pull":
        return await pull(rest, io);
      case "promote":
        return await promote(rest, io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : "no command given");
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`flowctl: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof TRPCClientError) {
      io.err(`flowctl: ${error.message}`);
      for (const d of (error.data?.diagnostics ?? []) as Diagnostic[]) io.err(`  ${formatDiagnostic(d)}`);
      return 1;
    }
    io.err(`flowctl: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

interface LoadedFile {
  file: string;
  document?: FlowDocument;
  raw?: unknown;
  diagnostics: Diagnostic[];
}

async function loadFiles(files: string[], io: FlowctlIo): Promise<LoadedFile[]> {
  if (files.length === 0) throw new UsageError("name at least one flow file");
  return Promise.all(
    files.map(async (file): Promise<LoadedFile> => {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(resolve(io.cwd, file), "utf8"));
      } catch (error) {
        const message = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read: ${(error as Error).message}`;
        return { file, diagnostics: [{ code: "SB001", severity: "error", path: "(document)", message } as Diagnostic] };
      }
      const parsed = parseFlowDocument(raw);
      if (!parsed.ok) return { file, raw, diagnostics: parsed.diagnostics };
      return { file, raw, document: parsed.document, diagnostics: [...parsed.diagnostics, ...compileFlow(parsed.document).diagnostics] };
    }),
  );
}

function report(loaded: LoadedFile[], io: FlowctlIo): number {
  let errors = 0;
  for (const item of loaded) {
    for (const d of item.diagnostics) {
      (d.severity === "error" ? io.err : io.out)(formatDiagnostic(d, item.file));
      if (d.severity === "error") errors++;
    }
  }
  return errors;
}

async function validate(args: string[], io: FlowctlIo): Promise<number> {
  const loaded = await loadFiles(args, io);
  const errors = report(loaded, io);
  io.out(`${loaded.length} file${loaded.length === 1 ? "" : "s"} checked, ${errors} error${errors === 1 ? "" : "s"}`);
  return errors > 0 ? 1 : 0;
}

async function signIn(io: FlowctlIo): Promise<ApiClient> {
  const url = io.env.SWITCHBOARD_URL ?? "http://127.0.0.1:3000";
  const email = io.env.SWITCHBOARD_EMAIL;
  const password = io.env.SWITCHBOARD_PASSWORD;
  if (!email || !password) throw new UsageError("set SWITCHBOARD_EMAIL and SWITCHBOARD_PASSWORD to sign in");
  const api = createApiClient(url);
  await api.auth.login.mutate({ email, password });
  return api;
}

const ENVIRONMENTS = ["staging", "production"] as const;
type Environment = (typeof ENVIRONMENTS)[number];
function environment(value: string | undefined, option: string, fallback?: Environment): Environment {
  const chosen = value ?? fallback;
  if (!chosen || !(ENVIRONMENTS as readonly string[]).includes(chosen)) throw new UsageError(`${option} must be staging or production`);
  return chosen as Environment;
}

async function push(args: string[], io: FlowctlIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      publish: { type: "boolean" },
      message: { type: "string" },
      activate: { type: "string" },
      env: { type: "string" },
      force: { type: "boolean" },
    },
  });
  if (values.activate && !values.publish) throw new UsageError("--activate needs --publish");
  if (values.activate && positionals.length !== 1) throw new UsageError("--activate takes exactly one flow file");
  const env = values.activate ? environment(values.env, "--env") : undefined;
  const loaded = await loadFiles(positionals, io);
  const blocking = loaded.filter((item) => !item.document || (values.publish && item.diagnostics.some((d) => d.severity === "error")));
  const errors = report(loaded, io);
  if (blocking.length > 0 || (!values.publish && loaded.some((item) => !item.document))) {
    io.err(`nothing pushed: ${errors} error${errors === 1 ? "" : "s"}`);
    return 1;
  }

  const api = await signIn(io);
  const imported = await api.flows.import.mutate({ documents: loaded.map((item) => item.raw), replaceOthersDrafts: values.force ?? false });
  for (const flow of imported) io.out(`${flow.name}: ${flow.created ? "created" : flow.changed ? `draft updated (revision ${flow.draftRevision})` : "draft unchanged"}`);
  if (!values.publish) return 0;

  const versions = await publishInDependencyOrder(api, imported, values.message ?? "", io);
  if (values.activate && env) {
    const [flow] = imported;
    const versionNumber = versions.get(flow!.name)!;
    await activateOrBind(api, { address: values.activate, environment: env, flowName: flow!.name, versionNumber, reason: values.message ?? "flowctl push" }, io);
  }
  return 0;
}

/** Publishes sub-flows before the flows that call them (the server refuses the other order). */
async function publishInDependencyOrder(api: ApiClient, flows: { name: string; flowId: string }[], message: string, io: FlowctlIo) {
  const versions = new Map<string, number>();
  let pending = flows;
  while (pending.length > 0) {
    const waiting: { flow: (typeof flows)[number]; error: unknown }[] = [];
    for (const flow of pending) {
      try {
        const { version, created } = await api.flows.publish.mutate({ flowId: flow.flowId, message });
        versions.set(flow.name, version.number);
        io.out(`${flow.name}: ${created ? "published" : "unchanged since"} version ${version.number}`);
      } catch (error) {
        if (!(error instanceof TRPCClientError && /must be published first/.test(error.message))) throw error;
        waiting.push({ flow, error });
      }
    }
    if (waiting.length === pending.length) throw waiting[0]!.error; // no progress: a sub-flow is missing on the server
    pending = waiting.map((w) => w.flow);
  }
  return versions;
}

async function activateOrBind(
  api: ApiClient,
  target: { address: string; environment: Environment; flowName: string; versionNumber: number; reason: string },
  io: FlowctlIo,
): Promise<void> {
  const bindings = await api.deployments.list.query({ environment: target.environment });
  const current = bindings.find((b) => b.address === target.address);
  const where = `${target.address} (${target.environment})`;
  if (current && current.flowName === target.flowName && current.versionNumber === target.versionNumber) {
    io.out(`${where}: already runs ${target.flowName} version ${target.versionNumber}`);
  } else if (current && current.flowName === target.flowName) {
    await api.deployments.activate.mutate(target);
    io.out(`${where}: now runs ${target.flowName} version ${target.versionNumber} (was ${current.versionNumber})`);
  } else {
    await api.deployments.bind.mutate(target);
    io.out(`${where}: bound to ${target.flowName} version ${target.versionNumber}`);
  }
}

async function pull(args: string[], io: FlowctlIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { all: { type: "boolean" }, version: { type: "string" }, out: { type: "string" } },
  });
  if (!values.all && positionals.length === 0) throw new UsageError("name the flows to pull, or --all");
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new UsageError("--version must be a positive whole number");
  const api = await signIn(io);
  const names = values.all ? (await api.flows.list.query()).map((f) => f.name) : positionals;
  const dir = resolve(io.cwd, values.out ?? "flows");
  await mkdir(dir, { recursive: true });
  for (const name of names) {
    const document = await api.flows.export.query({ name, ...(version === undefined ? {} : { version }) });
    const file = join(dir, `${fileNameFor(name)}.json`);
    await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
    io.out(`${name}${version === undefined ? " (draft)" : ` version ${version}`} → ${file}`);
  }
  return 0;
}

/** "Main menu" → main-menu */
export function fileNameFor(flowName: string): string {
  return flowName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "flow";
}

async function promote(args: string[], io: FlowctlIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: "string" }, to: { type: "string" }, reason: { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError("name exactly one number or route to promote");
  const address = positionals[0]!;
  const from = environment(values.from, "--from", "staging");
  const to = environment(values.to, "--to", "production");
  if (from === to) throw new UsageError("--from and --to must differ");
  const api = await signIn(io);
  const source = (await api.deployments.list.query({ environment: from })).find((b) => b.address === address);
  if (!source) throw new Error(`${address} is not bound in ${from}; nothing to promote`);
  await activateOrBind(
    api,
    { address, environment: to, flowName: source.flowName, versionNumber: source.versionNumber, reason: values.reason ?? `promoted from ${from}` },
    io,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const io: FlowctlIo = { env: process.env, cwd: process.cwd(), out: (l) => console.log(l), err: (l) => console.error(l) };
  process.exitCode = await runFlowctl(process.argv.slice(2), io);
}
