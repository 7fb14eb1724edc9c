import type { Prisma } from "@switchboard/db";

/** Actions written to the audit log. */
export type AuditAction =
  | "flow.publish"
  | "flow.import"
  | "flow.scenarios_save"
  | "deployment.bind"
  | "deployment.activate"
  | "deployment.rollback"
  | "deployment.scheduled_activate"
  | "deployment.scheduled_revert"
  | "incident.switch_on"
  | "incident.switch_off"
  | "incident.expired"
  | "schedule.create"
  | "schedule.update"
  | "schedule.cancel"
  | "schedule.ended_early"
  | "schedule.missed"
  | "binding.time_zone"
  | "user.create"
  | "user.role_change"
  | "auth.login_failed"
  | "auth.throttle_cleared"
  | "calendar.save"
  | "calendar.delete"
  | "privacy.retention_set";

type AuditWriter = { auditEvent: { create(args: { data: Prisma.AuditEventUncheckedCreateInput }): Promise<unknown> } };

/** Records an audit event; pass the transaction client so the record commits (or not) with the change. */
export async function recordAudit(
  db: AuditWriter,
  event: { action: AuditAction; actorId: string | null; subjectType: string; subjectId?: string | null; details?: Prisma.InputJsonValue },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actorId,
      subjectType: event.subjectType,
      subjectId: event.subjectId ?? null,
      details: event.details ?? {},
    },
  });
}
