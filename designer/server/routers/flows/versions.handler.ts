import { TRPCError } from "@trpc/server";
import { diffFlowDocuments } from "@switchboard/flows";
import type { Context } from "../../trpc.js";
import type { DiffVersionsInput, GetVersionInput } from "./inputs.js";
import { loadFlow, storedDocument, storedDraft } from "./load.js";

export async function listVersions(ctx: Context, input: { flowId: string }) {
  const flow = await loadFlow(ctx.prisma, input);
  return ctx.prisma.flowVersion.findMany({
    where: { flowId: flow.id },
    orderBy: { number: "desc" },
    select: { id: true, number: true, contentHash: true, message: true, createdAt: true, author: { select: { displayName: true, email: true } } },
  });
}

async function loadVersion(ctx: Context, flowId: string, number: number) {
  const flow = await loadFlow(ctx.prisma, { flowId });
  const version = await ctx.prisma.flowVersion.findUnique({
    where: { flowId_number: { flowId: flow.id, number } },
    include: { author: { select: { displayName: true, email: true } } },
  });
  if (!version) throw new TRPCError({ code: "NOT_FOUND", message: `Flow "${flow.name}" has no version ${number} (latest is ${flow.latestVersionNumber})` });
  return { flow, version };
}

export async function getVersion(ctx: Context, input: GetVersionInput) {
  const { flow, version } = await loadVersion(ctx, input.flowId, input.number);
  return { ...version, document: storedDocument(version.document, `flow "${flow.name}" version ${version.number}`) };
}

/** Field-level differences between two versions, or between a version and the current draft. */
export async function diffVersions(ctx: Context, input: DiffVersionsInput) {
  const { flow, version: from } = await loadVersion(ctx, input.flowId, input.from);
  const before = storedDocument(from.document, `flow "${flow.name}" version ${from.number}`);
  const after =
    input.to === "draft"
      ? storedDraft(flow)
      : storedDocument((await loadVersion(ctx, input.flowId, input.to)).version.document, `flow "${flow.name}" version ${input.to}`);
  return diffFlowDocuments(before, after);
}
