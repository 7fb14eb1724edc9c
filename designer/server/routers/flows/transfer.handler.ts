import { TRPCError } from "@trpc/server";
import { canonicalJson, checkScenarioNames, makeDiagnostic, parseFlowDocument, type Diagnostic, type FlowDocument } from "@switchboard/flows";
import { recordAudit } from "../../audit.js";
import { DiagnosticsError } from "../../errors.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { ExportFlowInput, ImportFlowsInput } from "./inputs.js";
import { asJson, displayName, loadFlow, nodesPart, storedDocument, storedDraft } from "./load.js";

type Ctx = Context & { user: SessionUser };

/**
 * A flow as a file: the draft (with its scenarios), or one version. Holds no database ids, so it can move between
 * installations.
 */
export async function exportFlow(ctx: Ctx, input: ExportFlowInput): Promise<FlowDocument> {
  const flow = await loadFlow(ctx.prisma, input);
  if (input.version === undefined) return storedDraft(flow);
  const version = await ctx.prisma.flowVersion.findUnique({ where: { flowId_number: { flowId: flow.id, number: input.version } } });
  if (!version) throw new TRPCError({ code: "NOT_FOUND", message: `Flow "${flow.name}" has no version ${input.version}` });
  return storedDocument(version.document, `flow "${flow.name}" version ${input.version}`);
}

export interface ImportedFlow {
  name: string;
  flowId: string;
  created: boolean;
  /** False when the draft already held exactly this document. */
  changed: boolean;
  draftRevision: number;
}

/**
 * Imports flow files as drafts, matched to flows by name. All or nothing: every file is checked first (every
 * problem listed as `documents[i].<path>`), then all are written in one transaction.
 */
export async function importFlows(ctx: Ctx, input: ImportFlowsInput): Promise<ImportedFlow[]> {
  const documents: FlowDocument[] = [];
  const problems: Diagnostic[] = [];
  input.documents.forEach((raw, index) => {
    const parsed = parseFlowDocument(raw);
    if (!parsed.ok) return problems.push(...parsed.diagnostics.map((d) => ({ ...d, path: `documents[${index}].${d.path}` })));
    const twins = checkScenarioNames(parsed.document.scenarios ?? [], `documents[${index}].scenarios`);
    if (twins.length > 0) return problems.push(...twins);
    documents.push(parsed.document);
  });
  const seen = new Set<string>();
  documents.forEach((document) => {
    if (seen.has(document.name)) {
      problems.push(makeDiagnostic("SB001.duplicateFileName", { path: "name" }, { name: document.name }));
    }
    seen.add(document.name);
  });
  if (problems.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Nothing was imported: ${problems.length} problem${problems.length === 1 ? "" : "s"} (first: ${problems[0]!.path}: ${problems[0]!.message})`,
      cause: new DiagnosticsError("invalid flow files", problems),
    });
  }

  const isSomeoneElse = (userId: string | null) => userId !== null && userId !== ctx.user.id;
  const imported = await ctx.prisma.$transaction(async (tx) => {
    const results: ImportedFlow[] = [];
    for (const document of documents) {
      const existing = await tx.flow.findUnique({ where: { name: document.name } });
      if (!existing) {
        const flow = await tx.flow.create({
          data: {
            name: document.name,
            description: document.description,
            draftDocument: asJson(nodesPart(document)),
            draftSavedById: ctx.user.id,
            draftSavedAt: ctx.now(),
            draftScenarios: asJson(document.scenarios ?? []),
            scenariosSavedById: ctx.user.id,
            scenariosSavedAt: ctx.now(),
            createdById: ctx.user.id,
          },
        });
        results.push({ name: flow.name, flowId: flow.id, created: true, changed: true, draftRevision: flow.draftRevision });
        continue;
      }
      if (existing.archivedAt) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Nothing was imported: flow "${existing.name}" is archived; unarchive it first` });
      }
      const currentDraft = canonicalJson(storedDraft(existing));
      if (currentDraft === canonicalJson(document)) {
        results.push({ name: existing.name, flowId: existing.id, created: false, changed: false, draftRevision: existing.draftRevision });
        continue;
      }
      const current = storedDraft(existing);
      const scenariosChange = canonicalJson(current.scenarios ?? []) !== canonicalJson(document.scenarios ?? []);
      if (!input.replaceOthersDrafts) {
        const latest = await tx.flowVersion.findUnique({ where: { flowId_number: { flowId: existing.id, number: existing.latestVersionNumber } } });
        const published = latest ? storedDocument(latest.document, existing.name) : null;
        // Node edits and scenarios are saved apart, often by different people: each part is guarded on its own.
        const nodesChange = canonicalJson(nodesPart(current)) !== canonicalJson(nodesPart(document));
        const othersNodes = nodesChange && isSomeoneElse(existing.draftSavedById) && (!published || canonicalJson(nodesPart(published)) !== canonicalJson(nodesPart(current)));
        const othersScenarios = scenariosChange && isSomeoneElse(existing.scenariosSavedById) && canonicalJson(published?.scenarios ?? []) !== canonicalJson(current.scenarios ?? []);
        if (othersNodes) {
          const savedBy = await tx.user.findUnique({ where: { id: existing.draftSavedById! } });
          throw new TRPCError({
            code: "CONFLICT",
            message:
              `Nothing was imported: the draft of "${existing.name}" holds unpublished edits by ${displayName(savedBy)} ` +
              `(revision ${existing.draftRevision}); publish or export them first, or replace them explicitly`,
          });
        }
        if (othersScenarios) {
          const savedBy = await tx.user.findUnique({ where: { id: existing.scenariosSavedById! } });
          throw new TRPCError({
            code: "CONFLICT",
            message:
              `Nothing was imported: the draft of "${existing.name}" holds unpublished scenarios saved by ${displayName(savedBy)} ` +
              `(scenarios revision ${existing.scenariosRevision}) that differ from the file's; pull them into the file first, or replace them explicitly`,
          });
        }
      }
      const flow = await tx.flow.update({
        where: { id: existing.id },
        data: {
          draftDocument: asJson(nodesPart(document)),
          description: document.description,
          draftRevision: { increment: 1 },
          draftSavedById: ctx.user.id,
          draftSavedAt: ctx.now(),
          ...(scenariosChange
            ? { draftScenarios: asJson(document.scenarios ?? []), scenariosRevision: { increment: 1 }, scenariosSavedById: ctx.user.id, scenariosSavedAt: ctx.now() }
            : {}),
        },
      });
      results.push({ name: flow.name, flowId: flow.id, created: false, changed: true, draftRevision: flow.draftRevision });
    }
    await recordAudit(tx, {
      action: "flow.import",
      actorId: ctx.user.id,
      subjectType: "flow",
      details: { flows: results.map((r) => ({ name: r.name, created: r.created, changed: r.changed })) },
    });
    return results;
  });
  return imported;
}
