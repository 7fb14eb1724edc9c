import type { Environment, PrismaClient } from "@switchboard/db";
import { flowRequirements, switchProblems, type CompiledFlow, type SwitchSettings } from "@switchboard/flows";
import { z } from "zod";

/**
 * What runtimes last reported about their switches (`switch_capabilities`, written by
 * `runtime/src/capabilities/`), for the numbers page and publish warnings. The JSON columns are checked here:
 * a row this version cannot read is skipped rather than shown wrongly.
 */

const ZSettings = z.object({
  ttsEngine: z.string(),
  dialStrings: z.object({ extension: z.string(), number: z.string(), sip: z.string() }),
  callbackDialString: z.string(),
});

const ZProblem = z.object({
  address: z.string(),
  flowName: z.string(),
  versionNumber: z.number().int(),
  /** The flow holding the node: the binding's flow or one of its sub-flows. */
  flow: z.string(),
  nodeId: z.string(),
  nodeType: z.string(),
  kind: z.enum(["missingModule", "unknownQueue"]),
  module: z.string().optional(),
  queue: z.string().optional(),
});

/** A live flow's node needing something its switch lacks, as the runtime reported it. */
export type ReportedProblem = z.infer<typeof ZProblem>;

/** The latest report about one switch of one environment. */
export interface KnownSwitch {
  environment: Environment;
  /** `host:port` of the switch's event socket. */
  switchHost: string;
  runtimeInstance: string;
  /** ISO time of the runtime's last check. */
  checkedAt: string;
  modules: Record<string, boolean>;
  /** Modules asked about and not loaded, sorted. */
  missingModules: string[];
  /** Queues mod_callcenter knows; null when they could not be listed. */
  queues: string[] | null;
  problems: ReportedProblem[];
  settings: SwitchSettings;
}

/** A need of a version being published that a known switch lacks. A warning: publishing goes ahead. */
export interface SwitchWarning {
  environment: Environment;
  switchHost: string;
  checkedAt: string;
  nodeId: string;
  nodeType: string;
  kind: "missingModule" | "unknownQueue";
  module?: string;
  queue?: string;
}

/** The latest report per switch (environment × switch host), newest first; optionally one environment only. */
export async function knownSwitches(prisma: PrismaClient, environment?: Environment): Promise<KnownSwitch[]> {
  const rows = await prisma.switchCapabilities.findMany({
    where: environment ? { environment } : {},
    orderBy: [{ checkedAt: "desc" }, { runtimeInstance: "asc" }],
  });
  const latest = new Map<string, KnownSwitch>();
  for (const row of rows) {
    const key = `${row.environment} ${row.switchHost}`;
    if (latest.has(key)) continue;
    const modules = z.record(z.string(), z.boolean()).safeParse(row.modules);
    const queues = z.array(z.string()).nullable().safeParse(row.queues);
    const problems = z.array(ZProblem).safeParse(row.problems);
    const settings = ZSettings.safeParse(row.settings);
    if (!modules.success || !queues.success || !problems.success || !settings.success) continue;
    latest.set(key, {
      environment: row.environment,
      switchHost: row.switchHost,
      runtimeInstance: row.runtimeInstance,
      checkedAt: row.checkedAt.toISOString(),
      modules: modules.data,
      missingModules: Object.keys(modules.data).filter((name) => !modules.data[name]).sort(),
      queues: queues.data,
      problems: problems.data,
      settings: settings.data,
    });
  }
  return [...latest.values()];
}

/** What `compiled` needs that a known switch of any environment lacks, with that switch's own settings. */
export async function switchWarningsFor(prisma: PrismaClient, compiled: CompiledFlow): Promise<SwitchWarning[]> {
  const needs = flowRequirements(compiled);
  if (needs.length === 0) return [];
  const warnings: SwitchWarning[] = [];
  for (const known of await knownSwitches(prisma)) {
    for (const problem of switchProblems(needs, { modules: known.modules, queues: known.queues }, known.settings)) {
      warnings.push({
        environment: known.environment,
        switchHost: known.switchHost,
        checkedAt: known.checkedAt,
        nodeId: problem.nodeId,
        nodeType: problem.nodeType,
        kind: problem.kind,
        ...(problem.kind === "missingModule" ? { module: problem.module } : { queue: problem.queue }),
      });
    }
  }
  return warnings;
}
