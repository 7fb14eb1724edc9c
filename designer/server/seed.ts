import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { TRPCError } from "@trpc/server";
import type { PrismaClient, Role } from "@switchboard/db";
import { appRouter } from "./app-router.js";
import { hashPassword } from "./passwords.js";
import { createCallerFactory, type ApiServices } from "./trpc.js";

export const SEED_ROLES: Role[] = ["admin", "publisher", "editor", "tester"];

export interface SeededUser {
  email: string;
  role: Role;
  /** Present only when the user was created now; print it once. */
  password?: string;
  passwordFrom?: "env" | "generated";
}

/**
 * Makes sure one user per role exists (`<role>@switchboard.local`). New users get the password from
 * `SWITCHBOARD_<ROLE>_PASSWORD` or a generated one, returned so it can be shown once. Existing users are left alone.
 */
export async function seedUsers(prisma: PrismaClient, env: NodeJS.ProcessEnv = process.env): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  for (const role of SEED_ROLES) {
    const email = `${role}@switchboard.local`;
    if (await prisma.user.findUnique({ where: { email } })) {
      seeded.push({ email, role });
      continue;
    }
    const fromEnv = env[`SWITCHBOARD_${role.toUpperCase()}_PASSWORD`];
    const password = fromEnv || randomBytes(12).toString("base64url");
    const displayName = `${role[0]!.toUpperCase()}${role.slice(1)}`;
    await prisma.user.create({ data: { email, displayName, role, passwordHash: await hashPassword(password) } });
    seeded.push({ email, role, password, passwordFrom: fromEnv ? "env" : "generated" });
  }
  return seeded;
}

export interface ExampleResult {
  file: string;
  flowName?: string;
  versionNumber?: number;
  boundTo?: string[];
  problem?: string;
}

/** `route:<name>` for an example flow, e.g. "Main menu" → route:main-menu. */
export function exampleRoute(flowName: string): string {
  return `route:${flowName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

/** Phone numbers the example flows also answer on (the fictional +1 555 01xx range); `pnpm start`'s demo calls dial them. */
export const EXAMPLE_NUMBERS: Readonly<Record<string, string>> = {
  "Main menu": "+15550100",
  "Holiday hours": "+15550101",
  "Support queue": "+15550102",
  "VIP route": "+15550103",
};

/** Where an example flow is bound: its `route:<name>` and, for the known examples, its number. */
export function exampleAddresses(flowName: string): string[] {
  const number = EXAMPLE_NUMBERS[flowName];
  return number ? [exampleRoute(flowName), number] : [exampleRoute(flowName)];
}

/**
 * Imports, publishes and binds (staging and production, on `route:<name>` and its number) every `*.json` in `dir`, through the
 * same API procedures a person would use, acting as the seeded admin. Idempotent: unchanged files publish
 * nothing and existing bindings are kept. A file that does not compile is reported, not fatal.
 */
export async function publishExampleFlows(services: ApiServices, dir: string): Promise<ExampleResult[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
  const admin = await services.prisma.user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
  if (!admin || files.length === 0) return [];
  const caller = createCaller({
    ...services,
    user: { id: admin.id, email: admin.email, displayName: admin.displayName, role: admin.role },
    sessionTokenHash: null,
    clientAddress: "start-up",
    setCookie: () => undefined,
  });
  const results: ExampleResult[] = [];
  let pending: { file: string; document: unknown }[] = [];
  for (const file of files) {
    try {
      pending.push({ file, document: JSON.parse(await readFile(join(dir, file), "utf8")) });
    } catch (error) {
      results.push({ file, problem: `not valid JSON: ${(error as Error).message}` });
    }
  }
  // Sub-flows must be published before the flows that call them: retry until no file makes progress.
  while (pending.length > 0) {
    const retry: typeof pending = [];
    let progressed = false;
    for (const item of pending) {
      try {
        results.push(await publishAndBind(caller, item.file, item.document));
        progressed = true;
      } catch (error) {
        const problem = describe(error);
        if (problem.includes("must be published first")) retry.push(item);
        else results.push({ file: item.file, problem });
      }
    }
    if (!progressed) {
      results.push(...retry.map((item) => ({ file: item.file, problem: "calls sub-flows that could not be published" })));
      break;
    }
    pending = retry;
  }
  return results;
}

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;

async function publishAndBind(caller: Caller, file: string, document: unknown): Promise<ExampleResult> {
  const [imported] = await caller.flows.import({ documents: [document] });
  const { version } = await caller.flows.publish({ flowId: imported!.flowId, message: `Example ${basename(file)}` });
  const bindings = await caller.deployments.list({});
  const boundTo: string[] = [];
  for (const address of exampleAddresses(imported!.name)) {
    for (const environment of ["staging", "production"] as const) {
      if (bindings.some((b) => b.address === address && b.environment === environment)) continue;
      await caller.deployments.bind({ address, environment, flowName: imported!.name, reason: "example flow seeded at start-up" });
      boundTo.push(`${address} (${environment})`);
    }
  }
  return { file, flowName: imported!.name, versionNumber: version.number, boundTo };
}

function describe(error: unknown): string {
  if (error instanceof TRPCError) {
    const diagnostics = (error.cause as { diagnostics?: { code: string; path: string; message: string }[] } | undefined)?.diagnostics;
    const first = diagnostics?.slice(0, 3).map((d) => `${d.code} ${d.path}: ${d.message}`).join("; ");
    return first ? `${error.message} (${first})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
