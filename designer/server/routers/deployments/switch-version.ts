import { TRPCError } from "@trpc/server";
import type { DeploymentKind, Environment, Prisma } from "@switchboard/db";
import { recordAudit } from "../../audit.js";
import type { DeploymentChanged } from "@switchboard/db";
import type { ApiServices, Context, SessionUser } from "../../trpc.js";

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

/** Locks the binding row (FOR UPDATE) and reads what it runs; null when the address is not bound. */
export async function lockBinding(tx: Prisma.TransactionClient, address: string, environment: Environment): Promise<CurrentBinding | null> {
  const [locked] = await tx.$queryRaw<{ id: string; flow_id: string; active_version_id: string }[]>`
    SELECT id, flow_id, active_version_id FROM bindings
     WHERE address = ${address} AND environment = ${environment}::"Environment" FOR UPDATE`;
  if (!locked) return null;
  const version = await tx.flowVersion.findUniqueOrThrow({ where: { id: locked.active_version_id }, select: { number: true } });
  return { id: locked.id, flowId: locked.flow_id, activeVersionId: locked.active_version_id, activeVersionNumber: version.number };
}

/** Who made a change: a person, or the scheduler on behalf of the person who scheduled it. */
export interface SwitchActor {
  id: string | null;
  /** For the audit of windows a manual change ends: "Admin (admin@example.com)". */
  name: string;
}

const MANUAL: ReadonlySet<DeploymentKind> = new Set(["bind", "activate", "rollback"]);

/**
 * The body of a version switch, inside the caller's transaction and after `lockBinding`: choose, update, write the
 * deployment history and the audit event. A person's change (bind, activate, rollback) during a scheduled
 * publish's window ends that window: no automatic revert later undoes what they chose.
 */
export async function applyVersionSwitch(
  tx: Prisma.TransactionClient,
  services: Pick<ApiServices, "now">,
  actor: SwitchActor,
  change: VersionSwitch,
  current: CurrentBinding | null,
): Promise<DeploymentChanged> {
  const now = services.now();
  const target = await change.chooseVersion(tx, current);
  if (current && current.activeVersionId === target.versionId) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `Version ${current.activeVersionNumber} is already live on ${change.address} (${change.environment})` });
  }
  const data = { flowId: target.flowId, activeVersionId: target.versionId, updatedById: actor.id, updatedAt: now };
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
      actorId: actor.id,
      createdAt: now,
    },
  });
  await recordAudit(tx, {
    action: `deployment.${change.kind}`,
    actorId: actor.id,
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
  if (MANUAL.has(change.kind) && current) {
    const note = `ended early: ${change.kind} to ${version.flow.name} v${version.number} by ${actor.name}${change.reason ? ` (${change.reason})` : ""}`;
    const ended = await tx.scheduledPublish.updateManyAndReturn({
      where: { bindingId: current.id, status: "active" },
      data: { status: "ended_early", finishedAt: now, finishNote: note },
      select: { id: true },
    });
    for (const schedule of ended) {
      await recordAudit(tx, { action: "schedule.ended_early", actorId: actor.id, subjectType: "scheduled_publish", subjectId: schedule.id, details: { address: change.address, environment: change.environment, note } });
    }
  }
  return {
    bindingId: binding.id,
    address: binding.address,
    environment: binding.environment,
    flowName: version.flow.name,
    versionId: version.id,
    versionNumber: version.number,
    kind: change.kind,
    at: now.toISOString(),
  };
}

/**
 * Points a binding at a version in one transaction: lock the binding row, choose, update, write the deployment
 * history and the audit event. The change event goes out only after the commit.
 */
export async function switchVersion(ctx: Ctx, change: VersionSwitch) {
  const actor = { id: ctx.user.id, name: `${ctx.user.displayName} (${ctx.user.email})` };
  const event = await ctx.prisma.$transaction(async (tx) => {
    const current = await lockBinding(tx, change.address, change.environment);
    return applyVersionSwitch(tx, ctx, actor, change, current);
  });
  await ctx.deploymentEvents.publish(event);
  return event;
}
