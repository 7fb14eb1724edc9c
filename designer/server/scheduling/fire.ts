import type { DeploymentChanged, OverrideChanged } from "@switchboard/db";
import { recordAudit } from "../audit.js";
import { applyVersionSwitch, lockBinding } from "../routers/deployments/switch-version.js";
import type { ApiServices } from "../trpc.js";

/** A start or end more than this late was not fired at its second: the history says so. */
const LATE_MS = 2_000;

type Services = Pick<ApiServices, "prisma" | "now" | "deploymentEvents">;

/** What one fire did, for logs and tests. */
export interface Fired {
  scheduleId: string;
  what: "activated" | "reverted" | "missed" | "completed";
  address: string;
  environment: string;
  /** Milliseconds after the due time. */
  lateMs: number;
  note: string;
}

const scheduleInclude = {
  binding: { select: { id: true, address: true, environment: true } },
  version: { select: { id: true, flowId: true, number: true, flow: { select: { name: true } } } },
  revertToVersion: { select: { id: true, flowId: true, number: true, flow: { select: { name: true } } } },
  createdBy: { select: { id: true, displayName: true, email: true } },
} as const;

function lateness(lateMs: number): string {
  return lateMs > LATE_MS ? `; ${Math.round(lateMs / 1000)} s late: no scheduler was running at the time` : "";
}

/**
 * Puts a due scheduled publish live. Claimed by a conditional UPDATE on `status` under the binding's row lock, so
 * of two schedulers (two API servers) exactly one fires it; the other finds it no longer pending. A window whose
 * end has already passed is not started at all (status `missed`): nobody wants the Christmas flow on 27 Dec.
 */
export async function fireStart(services: Services, scheduleId: string): Promise<Fired | null> {
  let event: DeploymentChanged | null = null;
  const fired = await services.prisma.$transaction(async (tx): Promise<Fired | null> => {
    const schedule = await tx.scheduledPublish.findUnique({ where: { id: scheduleId }, include: scheduleInclude });
    if (!schedule || schedule.status !== "pending") return null;
    const { binding } = schedule;
    const current = await lockBinding(tx, binding.address, binding.environment);
    const now = services.now();
    if (!current || schedule.startsAt > now) return null;
    const lateMs = now.getTime() - schedule.startsAt.getTime();
    const label = `${schedule.version.flow.name} v${schedule.version.number}`;
    if (schedule.endsAt && schedule.endsAt <= now) {
      const note = `missed: nothing ran it between ${schedule.startsAt.toISOString()} and its end ${schedule.endsAt.toISOString()}`;
      const claimed = await tx.scheduledPublish.updateMany({ where: { id: scheduleId, status: "pending" }, data: { status: "missed", finishedAt: now, finishNote: note } });
      if (claimed.count === 0) return null;
      await recordAudit(tx, { action: "schedule.missed", actorId: null, subjectType: "scheduled_publish", subjectId: scheduleId, details: { address: binding.address, environment: binding.environment, version: label, note } });
      return { scheduleId, what: "missed", address: binding.address, environment: binding.environment, lateMs, note };
    }
    const claimed = await tx.scheduledPublish.updateMany({
      where: { id: scheduleId, status: "pending" },
      data: { status: "active", activatedAt: now, revertToVersionId: current.activeVersionId },
    });
    if (claimed.count === 0) return null;
    const by = schedule.createdBy ? `${schedule.createdBy.displayName} (${schedule.createdBy.email})` : "a deleted user";
    const reason = `scheduled publish ${scheduleId.slice(0, 8)} by ${by}${schedule.reason ? `: ${schedule.reason}` : ""}${lateness(lateMs)}`;
    if (current.activeVersionId !== schedule.version.id) {
      event = await applyVersionSwitch(tx, services, { id: schedule.createdBy?.id ?? null, name: "the scheduler" }, {
        address: binding.address,
        environment: binding.environment,
        kind: "scheduled_activate",
        reason,
        chooseVersion: async () => ({ flowId: schedule.version.flowId, versionId: schedule.version.id }),
      }, current);
    }
    return { scheduleId, what: "activated", address: binding.address, environment: binding.environment, lateMs, note: event ? reason : `${label} was already live; nothing to switch` };
  });
  if (event) await services.deploymentEvents.publish(event);
  return fired;
}

/** Ends a live window at its end time: back to what was live before it started. Claimed like {@link fireStart}. */
export async function fireEnd(services: Services, scheduleId: string): Promise<Fired | null> {
  let event: DeploymentChanged | null = null;
  const fired = await services.prisma.$transaction(async (tx): Promise<Fired | null> => {
    const schedule = await tx.scheduledPublish.findUnique({ where: { id: scheduleId }, include: scheduleInclude });
    if (!schedule || schedule.status !== "active" || !schedule.endsAt) return null;
    const { binding } = schedule;
    const current = await lockBinding(tx, binding.address, binding.environment);
    const now = services.now();
    if (!current || schedule.endsAt > now) return null;
    const lateMs = now.getTime() - schedule.endsAt.getTime();
    const back = schedule.revertToVersion;
    const note = back ? `reverted to ${back.flow.name} v${back.number}${lateness(lateMs)}` : `ended${lateness(lateMs)}`;
    const claimed = await tx.scheduledPublish.updateMany({ where: { id: scheduleId, status: "active" }, data: { status: "completed", finishedAt: now, finishNote: note } });
    if (claimed.count === 0) return null;
    if (back && current.activeVersionId !== back.id) {
      const by = schedule.createdBy ? `${schedule.createdBy.displayName} (${schedule.createdBy.email})` : "a deleted user";
      event = await applyVersionSwitch(tx, services, { id: schedule.createdBy?.id ?? null, name: "the scheduler" }, {
        address: binding.address,
        environment: binding.environment,
        kind: "scheduled_revert",
        reason: `end of scheduled publish ${scheduleId.slice(0, 8)} by ${by}${schedule.reason ? `: ${schedule.reason}` : ""}${lateness(lateMs)}`,
        chooseVersion: async () => ({ flowId: back.flowId, versionId: back.id }),
      }, current);
    }
    return { scheduleId, what: "reverted", address: binding.address, environment: binding.environment, lateMs, note };
  });
  if (event) await services.deploymentEvents.publish(event);
  return fired;
}

/** Closes incident overrides whose end time has passed (they already stopped applying to new calls then). */
export async function expireIncidents(services: Services): Promise<number> {
  const now = services.now();
  const notices: OverrideChanged[] = [];
  await services.prisma.$transaction(async (tx) => {
    const expired = await tx.incidentOverride.updateManyAndReturn({
      where: { endedAt: null, endsAt: { lte: now } },
      data: { endedAt: now, endedReason: "end time reached" },
      include: { binding: { select: { address: true } } },
    });
    for (const row of expired) {
      await recordAudit(tx, {
        action: "incident.expired",
        actorId: null,
        subjectType: "incident_override",
        subjectId: row.id,
        details: { environment: row.environment, address: row.binding?.address ?? null, mode: row.mode, endsAt: row.endsAt?.toISOString() ?? null },
      });
      notices.push({ environment: row.environment, address: row.binding?.address ?? null, at: now.toISOString() });
    }
  });
  for (const notice of notices) await services.deploymentEvents.publishOverride(notice);
  return notices.length;
}
