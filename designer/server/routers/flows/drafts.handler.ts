import { TRPCError } from "@trpc/server";
import type { Context, SessionUser } from "../../trpc.js";
import type { ArchiveFlowInput, CreateFlowInput, ListFlowsInput, RenameFlowInput, SaveDraftInput } from "./inputs.js";
import { recordAudit } from "../../audit.js";
import { parseIncomingOffLoop, type IncomingDocument } from "../../compile/compile-pool.js";
import { updateDraftRow } from "../../compile/draft-row.js";
import {
  asJson,
  draftConflict,
  emptyDocument,
  isUniqueViolation,
  loadFlow,
  loadFlowWithoutDraft,
  requireUniqueScenarioNames,
  scenariosConflict,
  storedDocument,
  storedDraft,
  storedScenarios,
} from "./load.js";

type Ctx = Context & { user: SessionUser };

const flowSummarySelect = {
  id: true,
  name: true,
  description: true,
  draftRevision: true,
  draftSavedAt: true,
  scenariosRevision: true,
  latestVersionNumber: true,
  archivedAt: true,
  draftSavedBy: { select: { displayName: true, email: true } },
} as const;

export async function listFlows(ctx: Ctx, input: ListFlowsInput) {
  return ctx.prisma.flow.findMany({
    where: input.includeArchived ? {} : { archivedAt: null },
    select: flowSummarySelect,
    orderBy: { name: "asc" },
  });
}

/**
 * A flow with its draft as one document (nodes and scenarios) and both revisions: `draftRevision` for node edits,
 * `scenariosRevision` for the scenarios, each with who saved it last.
 */
export async function getFlow(ctx: Ctx, ref: { flowId: string } | { name: string }) {
  const flow = await loadFlow(ctx.prisma, ref);
  const person = async (id: string | null) => {
    const user = id ? await ctx.prisma.user.findUnique({ where: { id } }) : null;
    return user ? { displayName: user.displayName, email: user.email } : null;
  };
  const latest =
    flow.latestVersionNumber > 0
      ? await ctx.prisma.flowVersion.findUnique({ where: { flowId_number: { flowId: flow.id, number: flow.latestVersionNumber } }, select: { contentHash: true } })
      : null;
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    draft: storedDraft(flow),
    draftRevision: flow.draftRevision,
    draftSavedAt: flow.draftSavedAt,
    draftSavedBy: await person(flow.draftSavedById),
    scenariosRevision: flow.scenariosRevision,
    scenariosSavedAt: flow.scenariosSavedAt,
    scenariosSavedBy: await person(flow.scenariosSavedById),
    latestVersionNumber: flow.latestVersionNumber,
    /** What the latest version compiled to: the editor compares its draft's hash to say "unpublished changes". */
    latestVersionHash: latest?.contentHash ?? null,
    archivedAt: flow.archivedAt,
  };
}

export async function createFlow(ctx: Ctx, input: CreateFlowInput) {
  try {
    return await ctx.prisma.flow.create({
      data: {
        name: input.name,
        description: input.description,
        draftDocument: asJson(emptyDocument(input.name, input.description)),
        draftSavedById: ctx.user.id,
        createdById: ctx.user.id,
      },
      select: flowSummarySelect,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: `A flow named "${input.name}" already exists` });
    throw error;
  }
}

export async function renameFlow(ctx: Ctx, input: RenameFlowInput) {
  return ctx.prisma.$transaction(async (tx) => {
    const flow = await loadFlow(tx, input);
    const draft = { ...storedDocument(flow.draftDocument, `flow "${flow.name}"`), name: input.name };
    try {
      return await tx.flow.update({
        where: { id: flow.id },
        data: {
          name: input.name,
          draftDocument: asJson(draft),
          draftRevision: { increment: 1 },
          draftSavedById: ctx.user.id,
          draftSavedAt: ctx.now(),
        },
        select: flowSummarySelect,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: `A flow named "${input.name}" already exists` });
      throw error;
    }
  });
}

export async function archiveFlow(ctx: Ctx, input: ArchiveFlowInput) {
  const flow = await loadFlow(ctx.prisma, input);
  if (input.archived) {
    const live = await ctx.prisma.binding.findMany({ where: { flowId: flow.id }, orderBy: { address: "asc" } });
    if (live.length > 0) {
      const where = live.map((b) => `${b.address} (${b.environment})`).join(", ");
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is live on ${where}; bind those to another flow before archiving it` });
    }
  }
  return ctx.prisma.flow.update({
    where: { id: flow.id },
    data: { archivedAt: input.archived ? ctx.now() : null },
    select: flowSummarySelect,
  });
}

/**
 * Saves the draft only if nobody saved since `baseRevision` (one conditional UPDATE: atomic, no lost edits).
 * A stale save gets CONFLICT naming who saved in between. The stored scenarios are kept unless the caller sends
 * `baseScenariosRevision`: then the document's scenarios replace them, if nobody saved scenarios since (else
 * CONFLICT naming who did). Answers with both revisions and the scenarios now stored, so an editor sees scenarios
 * a tester saved meanwhile.
 */
export async function saveDraft(ctx: Ctx, input: SaveDraftInput) {
  const document = await parseIncomingOffLoop(input.document, "document.");
  const flow = await loadFlowWithoutDraft(ctx.prisma, input);
  if (flow.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is archived; unarchive it to edit` });
  if (document.name !== flow.name) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `The document is named "${document.name}" but the flow is "${flow.name}"; rename the flow instead` });
  }
  const scenarioChange = input.baseScenariosRevision;
  const scenarios = document.scenarios ?? [];
  if (scenarioChange !== undefined) requireUniqueScenarioNames(scenarios, "document.scenarios");
  const savedAt = ctx.now();
  const saved =
    scenarioChange === undefined
      ? await saveNodesPart(ctx, flow.id, input.baseRevision, document, savedAt)
      : await ctx.prisma.$transaction(async (tx) => {
          const { count } = await tx.flow.updateMany({
            where: { id: flow.id, draftRevision: input.baseRevision, scenariosRevision: scenarioChange },
            data: {
              draftDocument: asJson(JSON.parse(document.nodesJson) as object),
              description: document.description,
              draftRevision: { increment: 1 },
              draftSavedById: ctx.user.id,
              draftSavedAt: savedAt,
              draftScenarios: asJson(scenarios),
              scenariosRevision: { increment: 1 },
              scenariosSavedById: ctx.user.id,
              scenariosSavedAt: savedAt,
            },
          });
          if (count !== 1) return null;
          // Our UPDATE holds the row lock until commit: what we read now is exactly what this save left.
          const after = await tx.flow.findUniqueOrThrow({ where: { id: flow.id }, select: { scenariosRevision: true, draftScenarios: true } });
          await recordAudit(tx, {
            action: "flow.scenarios_save",
            actorId: ctx.user.id,
            subjectType: "flow",
            subjectId: flow.id,
            details: { flow: flow.name, scenariosRevision: after.scenariosRevision, scenarios: scenarios.map((s) => s.name), with: "draft" },
          });
          return after;
        });
  if (saved) {
    return {
      draftRevision: input.baseRevision + 1,
      draftSavedAt: savedAt,
      scenariosRevision: saved.scenariosRevision,
      scenarios: storedScenarios(saved.draftScenarios, `flow "${flow.name}"`),
    };
  }
  const current = await loadFlowWithoutDraft(ctx.prisma, input);
  if (current.draftRevision !== input.baseRevision || scenarioChange === undefined) throw await draftConflict(ctx.prisma, flow, input.baseRevision);
  throw await scenariosConflict(ctx.prisma, flow, scenarioChange);
}

/**
 * The usual autosave: only the nodes part, as the worker's JSON text (one conditional UPDATE on the draft revision;
 * the scenarios column is left alone). Answers with the scenarios stored now, or null when someone saved in between.
 */
async function saveNodesPart(ctx: Ctx, flowId: string, baseRevision: number, document: IncomingDocument, savedAt: Date) {
  const count = await updateDraftRow(ctx.prisma, {
    flowId,
    baseRevision,
    documentJson: document.nodesJson,
    description: document.description,
    savedById: ctx.user.id,
    savedAt,
  });
  if (count !== 1) return null;
  return ctx.prisma.flow.findUniqueOrThrow({ where: { id: flowId }, select: { scenariosRevision: true, draftScenarios: true } });
}
