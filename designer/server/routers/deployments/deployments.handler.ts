import { TRPCError } from "@trpc/server";
import type { Prisma } from "@switchboard/db";
import type { Context, SessionUser } from "../../trpc.js";
import type { ActivateInput, BindInput, HistoryInput, ListBindingsInput, RollbackInput } from "./inputs.js";
import { switchVersion, type CurrentBinding } from "./switch-version.js";

type Ctx = Context & { user: SessionUser };

export async function listBindings(ctx: Ctx, input: ListBindingsInput) {
  const bindings = await ctx.prisma.binding.findMany({
    where: input.environment ? { environment: input.environment } : {},
    include: { flow: { select: { name: true } }, activeVersion: { select: { number: true, contentHash: true } } },
    orderBy: [{ environment: "asc" }, { address: "asc" }],
  });
  return bindings.map((b) => ({
    id: b.id,
    address: b.address,
    environment: b.environment,
    flowName: b.flow.name,
    versionNumber: b.activeVersion.number,
    contentHash: b.activeVersion.contentHash,
    updatedAt: b.updatedAt,
  }));
}

async function findVersion(tx: Prisma.TransactionClient, flowId: string, flowName: string, number: number | undefined) {
  const version = number === undefined
    ? await tx.flowVersion.findFirst({ where: { flowId }, orderBy: { number: "desc" } })
    : await tx.flowVersion.findUnique({ where: { flowId_number: { flowId, number } } });
  if (!version) {
    throw new TRPCError({
      code: number === undefined ? "PRECONDITION_FAILED" : "NOT_FOUND",
      message: number === undefined ? `Flow "${flowName}" has no published version yet` : `Flow "${flowName}" has no version ${number}`,
    });
  }
  return version;
}

function requireBinding(current: CurrentBinding | null, input: { address: string; environment: string }): CurrentBinding {
  if (!current) {
    throw new TRPCError({ code: "NOT_FOUND", message: `${input.address} is not bound in ${input.environment}; an admin binds numbers to flows` });
  }
  return current;
}

/** Binds a number/route to a flow (its latest version unless one is named), creating or re-pointing the binding. */
export function bind(ctx: Ctx, input: BindInput) {
  return switchVersion(ctx, {
    address: input.address,
    environment: input.environment,
    kind: "bind",
    reason: input.reason,
    async chooseVersion(tx) {
      const flow = await tx.flow.findUnique({ where: { name: input.flowName } });
      if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `No flow named "${input.flowName}"` });
      if (flow.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is archived` });
      const version = await findVersion(tx, flow.id, flow.name, input.versionNumber);
      return { flowId: flow.id, versionId: version.id };
    },
  });
}

/** Moves a binding forward to a newer version of its flow. Going back is a rollback. */
export function activate(ctx: Ctx, input: ActivateInput) {
  return switchVersion(ctx, {
    address: input.address,
    environment: input.environment,
    kind: "activate",
    reason: input.reason,
    async chooseVersion(tx, current) {
      const binding = requireBinding(current, input);
      const flow = await tx.flow.findUniqueOrThrow({ where: { id: binding.flowId } });
      const version = await findVersion(tx, flow.id, flow.name, input.versionNumber);
      if (version.number < binding.activeVersionNumber) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Version ${version.number} is older than the live version ${binding.activeVersionNumber} on ${input.address} (${input.environment}); use rollback`,
        });
      }
      return { flowId: flow.id, versionId: version.id };
    },
  });
}

/** Points a binding back at an earlier version. Versions are never changed; the history records the move. */
export function rollback(ctx: Ctx, input: RollbackInput) {
  return switchVersion(ctx, {
    address: input.address,
    environment: input.environment,
    kind: "rollback",
    reason: input.reason,
    async chooseVersion(tx, current) {
      const binding = requireBinding(current, input);
      const flow = await tx.flow.findUniqueOrThrow({ where: { id: binding.flowId } });
      const version = await findVersion(tx, flow.id, flow.name, input.versionNumber);
      if (version.number > binding.activeVersionNumber) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Version ${version.number} is newer than the live version ${binding.activeVersionNumber}; activate it instead of rolling back`,
        });
      }
      return { flowId: flow.id, versionId: version.id };
    },
  });
}

export async function deploymentHistory(ctx: Ctx, input: HistoryInput) {
  const deployments = await ctx.prisma.deployment.findMany({
    where: { binding: { ...(input.address ? { address: input.address } : {}), ...(input.environment ? { environment: input.environment } : {}) } },
    include: {
      binding: { select: { address: true, environment: true } },
      fromVersion: { select: { number: true, flow: { select: { name: true } } } },
      toVersion: { select: { number: true, flow: { select: { name: true } } } },
      actor: { select: { displayName: true, email: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return deployments.map((d) => ({
    id: d.id,
    address: d.binding.address,
    environment: d.binding.environment,
    kind: d.kind,
    from: d.fromVersion ? { flowName: d.fromVersion.flow.name, number: d.fromVersion.number } : null,
    to: { flowName: d.toVersion.flow.name, number: d.toVersion.number },
    reason: d.reason,
    actor: d.actor,
    createdAt: d.createdAt,
  }));
}
