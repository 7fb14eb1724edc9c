import { TRPCError } from "@trpc/server";
import type { IncidentOverride, Prisma } from "@switchboard/db";
import { recordAudit } from "../../audit.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { ListIncidentsInput, SwitchOffInput, SwitchOnInput } from "./inputs.js";

type Ctx = Context & { user: SessionUser };

type Row = IncidentOverride & {
  binding: { address: string } | null;
  startedBy: { displayName: string; email: string } | null;
  endedBy: { displayName: string; email: string } | null;
};

const include = {
  binding: { select: { address: true } },
  startedBy: { select: { displayName: true, email: true } },
  endedBy: { select: { displayName: true, email: true } },
} as const;

function view(row: Row, now: Date) {
  const on = row.endedAt === null && (row.endsAt === null || row.endsAt > now);
  return {
    id: row.id,
    environment: row.environment,
    /** null: every binding of the environment. */
    address: row.binding?.address ?? null,
    mode: row.mode,
    announcement: row.announcement as Record<string, { text?: string; audio?: string }>,
    reason: row.reason,
    startedAt: row.startedAt,
    startedBy: row.startedBy,
    endsAt: row.endsAt,
    on,
    endedAt: row.endedAt ?? (on ? null : row.endsAt),
    endedBy: row.endedBy,
    endedReason: row.endedReason ?? (on ? null : "end time reached"),
  };
}

/** Overrides on now (per environment), and the latest 50 switched off, for the numbers page and its audit. */
export async function listIncidents(ctx: Ctx, input: ListIncidentsInput) {
  const now = ctx.now();
  const where: Prisma.IncidentOverrideWhereInput = input.environment ? { environment: input.environment } : {};
  const [open, past] = await Promise.all([
    ctx.prisma.incidentOverride.findMany({ where: { ...where, endedAt: null }, include, orderBy: { startedAt: "desc" } }),
    ctx.prisma.incidentOverride.findMany({ where: { ...where, endedAt: { not: null } }, include, orderBy: { endedAt: "desc" }, take: 50 }),
  ]);
  const views = open.map((row) => view(row, now));
  return { active: views.filter((v) => v.on), recent: [...views.filter((v) => !v.on), ...past.map((row) => view(row, now))] };
}

/**
 * Switches an override on for one binding or the whole environment. At most one is on per scope (a partial unique
 * index backs the check); switching on while one is on is refused, naming it: switch it off first.
 */
export async function switchOn(ctx: Ctx, input: SwitchOnInput) {
  const now = ctx.now();
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt <= now) throw new TRPCError({ code: "BAD_REQUEST", message: `The end time ${endsAt.toISOString()} is in the past; choose a later one or none` });
  const address = input.address ?? null;
  const where = address === null ? `every number in ${input.environment}` : `${address} (${input.environment})`;
  const created = await ctx.prisma.$transaction(async (tx) => {
    let bindingId: string | null = null;
    if (address !== null) {
      const binding = await tx.binding.findUnique({ where: { address_environment: { address, environment: input.environment } } });
      if (!binding) throw new TRPCError({ code: "NOT_FOUND", message: `${address} is not bound in ${input.environment}` });
      bindingId = binding.id;
    }
    const scope = bindingId ?? "global";
    // An override whose end time passed but that the sweep has not closed yet is closed here, not a conflict.
    await tx.incidentOverride.updateMany({ where: { environment: input.environment, scope, endedAt: null, endsAt: { lte: now } }, data: { endedAt: now, endedReason: "end time reached" } });
    const existing = await tx.incidentOverride.findFirst({ where: { environment: input.environment, scope, endedAt: null }, include });
    if (existing) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `An incident override is already on for ${where} (${existing.mode}, since ${existing.startedAt.toISOString()} by ${existing.startedBy?.displayName ?? "someone"}: ${existing.reason}); switch it off first`,
      });
    }
    const row = await tx.incidentOverride.create({
      data: {
        environment: input.environment,
        scope,
        bindingId,
        mode: input.mode,
        announcement: input.mode === "announce" ? input.announcement : {},
        reason: input.reason,
        startedAt: now,
        startedById: ctx.user.id,
        endsAt,
      },
      include,
    });
    await recordAudit(tx, {
      action: "incident.switch_on",
      actorId: ctx.user.id,
      subjectType: "incident_override",
      subjectId: row.id,
      details: { environment: input.environment, address, mode: input.mode, reason: input.reason, endsAt: endsAt?.toISOString() ?? null },
    });
    return row;
  });
  await ctx.deploymentEvents.publishOverride({ environment: input.environment, address, at: now.toISOString() });
  return view(created, now);
}

/** Switches an override off (new calls run as usual at once); the row stays as the record of the incident. */
export async function switchOff(ctx: Ctx, input: SwitchOffInput) {
  const now = ctx.now();
  const row = await ctx.prisma.$transaction(async (tx) => {
    const ended = await tx.incidentOverride.updateManyAndReturn({
      where: { id: input.id, endedAt: null },
      data: { endedAt: now, endedById: ctx.user.id, endedReason: input.reason || "switched off" },
      select: { id: true },
    });
    const row = await tx.incidentOverride.findUnique({ where: { id: input.id }, include });
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No incident override ${input.id}` });
    if (ended.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: `That incident override is already off (since ${row.endedAt?.toISOString()})` });
    await recordAudit(tx, {
      action: "incident.switch_off",
      actorId: ctx.user.id,
      subjectType: "incident_override",
      subjectId: row.id,
      details: { environment: row.environment, address: row.binding?.address ?? null, mode: row.mode, reason: input.reason },
    });
    return row;
  });
  await ctx.deploymentEvents.publishOverride({ environment: row.environment, address: row.binding?.address ?? null, at: now.toISOString() });
  return view(row, now);
}
