import { TRPCError } from "@trpc/server";
import type { DeploymentKind, Environment, Prisma } from "@switchboard/db";
import { recordAudit } from "../../audit.js";
import type { DeploymentChanged } from "@switchboard/db";
import type { Context, SessionUser } from "../../trpc.js";

type Ctx = Context & { user: SessionUser };

export interface VersionSwitch {
  address: string;
  environment: Environment;
  kind: DeploymentKind;
  reason: string;
  /** Decides, under the binding's row lock, which version to run; throws to refuse. */
  chooseVersion(tx: Prisma.TransactionClient, current: CurrentBinding | null): Promise<{ flowId: string; versionId: string }>;
}

export interface CurrentBinding {
  id: string;
  flowId: string;
  activeVersionId: string;
  activeVersionNumber: number;
}

/**
 * Points a binding at a version in one transaction: lock the binding row, choose, update, write the deployment
 * history and the audit event. The change event goes out only after the commit.
 */
export async function switchVersion(ctx: Ctx, change: VersionSwitch) {
  const event = await ctx.prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string; flow_id: string; active_version_id: string }[]>`
      SELECT id, flow_id, active_version_id FROM bindings
       WHERE address = ${change.address} AND environment = ${change.environment}::"Environment" FOR UPDATE`;
    const currentVersion = locked ? await tx.flowVersion.findUniqueOrThrow({ where: { id: locked.active_version_id } }) : null;
    const current: CurrentBinding | null = locked
      ? { id: locked.id, flowId: locked.flow_id, activeVersionId: locked.active_version_id, activeVersionNumber: currentVersion!.number }
      : null;
    const target = await change.chooseVersion(tx, current);
    if (current && current.activeVersionId === target.versionId) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Version ${currentVersion!.number} is already live on ${change.address} (${change.environment})` });
    }
    const data = { flowId: target.flowId, activeVersionId: target.versionId, updatedById: ctx.user.id, updatedAt: ctx.now() };
    const binding = current
      ? await tx.binding.update({ where: { id: current.id }, data })
      : await tx.binding.create({ data: { ...data, address: change.address, environment: change.environment } });
    const version = await tx.flowVersion.findUniqueOrThrow({ where: { id: target.versionId }, include: { flow: true } });
    await tx.deployment.create({
      data: {
        bindingId: binding.id,
        kind: change.kind,
        fromVersionId: current?.activeVersionId ?? null,
        toVersionId: target.versionId,
        reason: change.reason,
        actorId: ctx.user.id,
        createdAt: ctx.now(),
      },
    });
    await recordAudit(tx, {
      action: `deployment.${change.kind}`,
      actorId: ctx.user.id,
      subjectType: "binding",
      subjectId: binding.id,
      details: {
        address: change.address,
        environment: change.environment,
        flow: version.flow.name,
        fromVersion: current?.activeVersionNumber ?? null,
        toVersion: version.number,
        reason: change.reason,
      },
    });
    const changed: DeploymentChanged = {
      bindingId: binding.id,
      address: binding.address,
      environment: binding.environment,
      flowName: version.flow.name,
      versionId: version.id,
      versionNumber: version.number,
      kind: change.kind,
      at: ctx.now().toISOString(),
    };
    return changed;
  });
  await ctx.deploymentEvents.publish(event);
  return event;
}
