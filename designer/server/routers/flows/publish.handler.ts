import { TRPCError } from "@trpc/server";
import type { CompiledFlow, CompileResult, Diagnostic, FlowDocument } from "@switchboard/flows";
import { recordAudit } from "../../audit.js";
import { compileDraft, parseAndCompileOffLoop } from "../../compile/compile-pool.js";
import { insertVersionRow } from "../../compile/version-row.js";
import { DiagnosticsError } from "../../errors.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { PublishInput, ValidateInput } from "./inputs.js";
import { calendarDiagnostics, requireExistingCalendars } from "./calendar-references.js";
import { requireNoSubflowCycle, subflowCycleDiagnostics } from "./live-subflows.js";
import { displayName, loadFlowWithoutDraft } from "./load.js";
import { requirePassingScenarios } from "./publish-scenarios.js";
import { switchWarningsFor } from "../switches/known-switches.js";

type Ctx = Context & { user: SessionUser };

/** Every problem in a flow's draft or in a document (schema problems included), without saving anything. */
export async function validateFlow(ctx: Ctx, input: ValidateInput): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  let result: CompileResult;
  let document: () => Pick<FlowDocument, "nodes">;
  if ("flowId" in input) {
    const draft = await compileDraft(ctx.prisma, (await loadFlowWithoutDraft(ctx.prisma, input)).id, `flow ${input.flowId}`);
    result = draft.result;
    document = () => draft.document;
  } else {
    const outcome = await parseAndCompileOffLoop(input.document);
    if (!outcome.parsed) return { ok: false, diagnostics: outcome.diagnostics };
    result = outcome.result;
    document = () => outcome.document;
  }
  // Across flows: a cycle of sub-flow calls this document would close among the live versions.
  const cycles = result.compiled ? await subflowCycleDiagnostics(ctx, result.compiled) : [];
  // Across resources: calendars the schedules name (SB304 missing, SB305 another time zone).
  const calendars = result.compiled ? await calendarDiagnostics(ctx, result.compiled, document) : [];
  const crossErrors = [...cycles, ...calendars].some((d) => d.severity === "error");
  return { ok: result.ok && !crossErrors, diagnostics: [...result.diagnostics, ...cycles, ...calendars] };
}

function countErrors(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === "error").length;
}

/**
 * Compiles the draft and stores it as the next immutable version. The flow row is locked (FOR UPDATE) while the
 * number is handed out, so concurrent publishes get unique, gap-free numbers; a draft identical to the latest
 * version publishes nothing and returns that version.
 */
export async function publishFlow(ctx: Ctx, input: PublishInput) {
  const flow = await loadFlowWithoutDraft(ctx.prisma, input);
  if (flow.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is archived; unarchive it to publish` });
  if (input.baseRevision !== undefined && input.baseRevision !== flow.draftRevision) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Draft of "${flow.name}" is at revision ${flow.draftRevision}, not ${input.baseRevision}; review the latest draft before publishing`,
    });
  }
  // The version keeps the draft's scenarios as they are now; each must pass (requirePassingScenarios below).
  const { document, result, documentJson, compiledJson } = await compileDraft(ctx.prisma, flow.id, `flow "${flow.name}"`);
  if (!result.ok || !result.compiled || compiledJson === null) {
    const errors = countErrors(result.diagnostics);
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Flow "${flow.name}" has ${errors} error${errors === 1 ? "" : "s"}; fix ${errors === 1 ? "it" : "them"} before publishing`,
      cause: new DiagnosticsError("flow does not compile", result.diagnostics),
    });
  }
  const compiled: CompiledFlow = result.compiled;
  await requirePublishedSubflows(ctx, compiled.subflows.filter((name) => name !== flow.name));
  await requireNoSubflowCycle(ctx, compiled);
  await requireExistingCalendars(ctx, flow.name, compiled, () => document);
  await requirePassingScenarios(ctx, flow.name, document, compiled);

  const published = await ctx.prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ draft_revision: number; scenarios_revision: number; latest_version_number: number }[]>`
      SELECT draft_revision, scenarios_revision, latest_version_number FROM flows WHERE id = ${flow.id}::uuid FOR UPDATE`;
    if (locked && locked.draft_revision === flow.draftRevision && locked.scenarios_revision !== flow.scenariosRevision) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `Scenarios of "${flow.name}" were changed while publishing; publish again to check and include them`,
      });
    }
    if (!locked || locked.draft_revision !== flow.draftRevision) {
      const current = await tx.flow.findUniqueOrThrow({ where: { id: flow.id }, include: { draftSavedBy: true } });
      throw new TRPCError({
        code: "CONFLICT",
        message: `Draft of "${flow.name}" was saved by ${displayName(current.draftSavedBy)} while publishing; publish again to include it`,
      });
    }
    const latest = await tx.flowVersion.findUnique({
      where: { flowId_number: { flowId: flow.id, number: locked.latest_version_number } },
      select: { id: true, number: true, contentHash: true, message: true, createdAt: true },
    });
    if (latest && latest.contentHash === compiled.hash) return { version: latest, created: false, diagnostics: result.diagnostics };

    const number = locked.latest_version_number + 1;
    await tx.flow.update({ where: { id: flow.id }, data: { latestVersionNumber: number } });
    const version = await insertVersionRow(tx, {
      flowId: flow.id,
      number,
      documentJson,
      compiledJson,
      contentHash: compiled.hash,
      authorId: ctx.user.id,
      message: input.message,
      createdAt: ctx.now(),
    });
    await recordAudit(tx, {
      action: "flow.publish",
      actorId: ctx.user.id,
      subjectType: "flow",
      subjectId: flow.id,
      details: { flow: flow.name, version: number, contentHash: compiled.hash, message: input.message },
    });
    return { version, created: true, diagnostics: result.diagnostics };
  });
  // Not errors: the switch may be fixed before the version is activated.
  return { ...published, switchWarnings: await switchWarningsFor(ctx.prisma, compiled) };
}

async function requirePublishedSubflows(ctx: Ctx, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const published = await ctx.prisma.flow.findMany({
    where: { name: { in: names }, archivedAt: null, latestVersionNumber: { gt: 0 } },
    select: { name: true },
  });
  const missing = names.filter((name) => !published.some((flow) => flow.name === name));
  if (missing.length > 0) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Sub-flow${missing.length === 1 ? "" : "s"} ${missing.map((n) => `"${n}"`).join(", ")} must be published first`,
    });
  }
}
