import { TRPCError } from "@trpc/server";
import type { Environment, Prisma } from "@switchboard/db";
import { canonicalTimeZone, checkWindow, instantOfLocalTime, localTimeIn, timelineFrom, type PublishWindow } from "@switchboard/flows";
import { recordAudit } from "../../audit.js";
import { bindingTimeZone } from "../../scheduling/time-zone.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { CancelScheduleInput, CreateScheduleInput, SetTimeZoneInput, TimelineInput, UpdateScheduleInput } from "./inputs.js";

type Ctx = Context & { user: SessionUser };
type Tx = Prisma.TransactionClient;

const versionLabel = (v: { number: number; flow: { name: string } }) => `${v.flow.name} v${v.number}`;

const scheduleInclude = {
  version: { select: { number: true, flow: { select: { name: true } } } },
  revertToVersion: { select: { number: true, flow: { select: { name: true } } } },
  createdBy: { select: { displayName: true, email: true } },
} as const;

async function findBinding(db: Tx | Ctx["prisma"], address: string, environment: Environment) {
  const binding = await db.binding.findUnique({
    where: { address_environment: { address, environment } },
    include: { activeVersion: { select: { number: true, flow: { select: { name: true } } } } },
  });
  if (!binding) throw new TRPCError({ code: "NOT_FOUND", message: `${address} is not bound in ${environment}; an admin binds numbers to flows` });
  return binding;
}

/** Locks the binding row, so two schedule changes on one binding are checked for overlaps one after the other. */
async function lockBindingRow(tx: Tx, bindingId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM bindings WHERE id = ${bindingId}::uuid FOR UPDATE`;
}

function instant(local: string, zone: string, field: string): number {
  const result = instantOfLocalTime(local, zone);
  if (!result.ok) throw new TRPCError({ code: "BAD_REQUEST", message: `${field}: ${result.message}` });
  return result.at;
}

async function windowsOf(tx: Tx, bindingId: string): Promise<PublishWindow[]> {
  const rows = await tx.scheduledPublish.findMany({ where: { bindingId, status: { in: ["pending", "active"] } }, include: scheduleInclude });
  return rows.map((row) => ({ id: row.id, startsAt: row.startsAt.getTime(), endsAt: row.endsAt?.getTime() ?? null, status: row.status, label: versionLabel(row.version) }));
}

function refuseIfBad(check: ReturnType<typeof checkWindow>): void {
  if (!check.ok) throw new TRPCError({ code: check.message.startsWith("Overlaps") ? "CONFLICT" : "BAD_REQUEST", message: check.message });
}

async function announce(ctx: Ctx, environment: Environment, address: string): Promise<void> {
  // Other API servers re-arm their scheduler timers at once instead of at their next periodic sweep.
  await ctx.deploymentEvents.publishOverride({ environment, address, at: ctx.now().toISOString(), schedules: true });
}

/** A binding's time zone, its schedules (all states, newest first) and what it runs when from now on. */
export async function timeline(ctx: Ctx, input: TimelineInput) {
  const binding = await findBinding(ctx.prisma, input.address, input.environment);
  const zone = await bindingTimeZone(ctx.prisma, binding.id);
  const rows = await ctx.prisma.scheduledPublish.findMany({ where: { bindingId: binding.id }, include: scheduleInclude, orderBy: [{ startsAt: "desc" }], take: 200 });
  const schedules = rows.map((row) => ({
    id: row.id,
    flowName: row.version.flow.name,
    versionNumber: row.version.number,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    startsAtLocal: localTimeIn(row.startsAt.getTime(), zone.timeZone),
    endsAtLocal: row.endsAt ? localTimeIn(row.endsAt.getTime(), zone.timeZone) : null,
    status: row.status,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    activatedAt: row.activatedAt,
    revertTo: row.revertToVersion ? { flowName: row.revertToVersion.flow.name, number: row.revertToVersion.number } : null,
    finishedAt: row.finishedAt,
    finishNote: row.finishNote,
  }));
  const active = rows.find((row) => row.status === "active");
  const live = versionLabel(binding.activeVersion);
  const segments = timelineFrom(
    ctx.now().getTime(),
    live,
    active?.revertToVersion ? versionLabel(active.revertToVersion) : null,
    rows.map((row) => ({ id: row.id, startsAt: row.startsAt.getTime(), endsAt: row.endsAt?.getTime() ?? null, status: row.status, label: versionLabel(row.version) })),
  ).map((segment) => ({
    ...segment,
    fromLocal: localTimeIn(segment.from, zone.timeZone),
    toLocal: segment.to === null ? null : localTimeIn(segment.to, zone.timeZone),
  }));
  return { address: binding.address, environment: binding.environment, timeZone: zone.timeZone, timeZoneSource: zone.source, live, schedules, segments };
}

/** Schedules a published version to go live on a binding at a wall-clock start, and (optionally) to revert at an end. */
export async function createSchedule(ctx: Ctx, input: CreateScheduleInput) {
  const created = await ctx.prisma.$transaction(async (tx) => {
    const binding = await findBinding(tx, input.address, input.environment);
    await lockBindingRow(tx, binding.id);
    const flow = await tx.flow.findUnique({ where: { name: input.flowName } });
    if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `No flow named "${input.flowName}"` });
    if (flow.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is archived` });
    const version = await tx.flowVersion.findUnique({ where: { flowId_number: { flowId: flow.id, number: input.versionNumber } } });
    if (!version) throw new TRPCError({ code: "NOT_FOUND", message: `Flow "${flow.name}" has no version ${input.versionNumber}` });
    const { timeZone } = await bindingTimeZone(tx, binding.id);
    const startsAt = instant(input.startsAt, timeZone, "startsAt");
    const endsAt = input.endsAt ? instant(input.endsAt, timeZone, "endsAt") : null;
    refuseIfBad(checkWindow({ startsAt, endsAt }, await windowsOf(tx, binding.id), ctx.now().getTime(), timeZone));
    const row = await tx.scheduledPublish.create({
      data: {
        bindingId: binding.id,
        versionId: version.id,
        startsAt: new Date(startsAt),
        endsAt: endsAt === null ? null : new Date(endsAt),
        timeZone,
        reason: input.reason,
        createdById: ctx.user.id,
        createdAt: ctx.now(),
      },
    });
    await recordAudit(tx, {
      action: "schedule.create",
      actorId: ctx.user.id,
      subjectType: "scheduled_publish",
      subjectId: row.id,
      details: { address: input.address, environment: input.environment, flow: flow.name, version: version.number, startsAt: input.startsAt, endsAt: input.endsAt ?? null, timeZone, reason: input.reason },
    });
    return row;
  });
  await announce(ctx, input.environment, input.address);
  return { id: created.id, startsAt: created.startsAt, endsAt: created.endsAt, timeZone: created.timeZone };
}

/** Edits a waiting schedule (any field), or the end time of a live one; anything else once it started is refused. */
export async function updateSchedule(ctx: Ctx, input: UpdateScheduleInput) {
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.scheduledPublish.findUnique({ where: { id: input.id }, include: { binding: true } });
    if (!existing) throw new TRPCError({ code: "NOT_FOUND", message: `No scheduled publish ${input.id}` });
    await lockBindingRow(tx, existing.bindingId);
    const row = await tx.scheduledPublish.findUniqueOrThrow({ where: { id: input.id } });
    const zone = row.timeZone;
    if (row.status === "active" && (input.startsAt !== undefined || input.reason !== undefined)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "This schedule has started: only its end time can still change" });
    }
    if (row.status !== "pending" && row.status !== "active") {
      throw new TRPCError({ code: "BAD_REQUEST", message: `This schedule is ${row.status.replace("_", " ")}; it can no longer change` });
    }
    const startsAt = input.startsAt !== undefined ? instant(input.startsAt, zone, "startsAt") : row.startsAt.getTime();
    const endsAt = input.endsAt === undefined ? (row.endsAt?.getTime() ?? null) : input.endsAt === null ? null : instant(input.endsAt, zone, "endsAt");
    refuseIfBad(checkWindow({ id: row.id, startsAt, endsAt }, await windowsOf(tx, row.bindingId), ctx.now().getTime(), zone, row.status === "active"));
    const changed = await tx.scheduledPublish.updateMany({
      where: { id: row.id, status: row.status },
      data: { startsAt: new Date(startsAt), endsAt: endsAt === null ? null : new Date(endsAt), ...(input.reason !== undefined ? { reason: input.reason } : {}) },
    });
    if (changed.count === 0) throw new TRPCError({ code: "CONFLICT", message: "The schedule changed meanwhile (it may have just started); look again" });
    await recordAudit(tx, {
      action: "schedule.update",
      actorId: ctx.user.id,
      subjectType: "scheduled_publish",
      subjectId: row.id,
      details: { address: existing.binding.address, environment: existing.binding.environment, startsAt: input.startsAt ?? null, endsAt: input.endsAt ?? null, reason: input.reason ?? null },
    });
    return existing.binding;
  });
  await announce(ctx, updated.environment, updated.address);
  return { id: input.id };
}

/** Cancels a schedule that has not started (it stays in the timeline as cancelled). */
export async function cancelSchedule(ctx: Ctx, input: CancelScheduleInput) {
  const binding = await ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.scheduledPublish.findUnique({ where: { id: input.id }, include: { binding: true } });
    if (!existing) throw new TRPCError({ code: "NOT_FOUND", message: `No scheduled publish ${input.id}` });
    await lockBindingRow(tx, existing.bindingId);
    const now = ctx.now();
    const note = `cancelled by ${ctx.user.displayName}${input.reason ? `: ${input.reason}` : ""}`;
    const cancelled = await tx.scheduledPublish.updateMany({ where: { id: input.id, status: "pending" }, data: { status: "cancelled", finishedAt: now, finishNote: note } });
    if (cancelled.count === 0) {
      const row = await tx.scheduledPublish.findUniqueOrThrow({ where: { id: input.id } });
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: row.status === "active" ? "This schedule has started; change its end time to end it sooner, or roll back" : `This schedule is ${row.status.replace("_", " ")}; only a waiting one can be cancelled`,
      });
    }
    await recordAudit(tx, { action: "schedule.cancel", actorId: ctx.user.id, subjectType: "scheduled_publish", subjectId: input.id, details: { address: existing.binding.address, environment: existing.binding.environment, reason: input.reason } });
    return existing.binding;
  });
  await announce(ctx, binding.environment, binding.address);
  return { id: input.id };
}

/** Sets (or clears) the time zone schedule times of a binding are entered in. Stored instants do not move. */
export async function setTimeZone(ctx: Ctx, input: SetTimeZoneInput) {
  const zone = input.timeZone === null ? null : canonicalTimeZone(input.timeZone);
  if (input.timeZone !== null && zone === null) throw new TRPCError({ code: "BAD_REQUEST", message: `timeZone: "${input.timeZone}" is not an IANA time zone such as Europe/London` });
  const binding = await findBinding(ctx.prisma, input.address, input.environment);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.binding.update({ where: { id: binding.id }, data: { timeZone: zone } });
    await recordAudit(tx, { action: "binding.time_zone", actorId: ctx.user.id, subjectType: "binding", subjectId: binding.id, details: { address: input.address, environment: input.environment, from: binding.timeZone, to: zone } });
  });
  return bindingTimeZone(ctx.prisma, binding.id);
}
