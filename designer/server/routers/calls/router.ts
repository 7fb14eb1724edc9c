import { recordAudit } from "../../audit.js";
import { roleHasPermission } from "../../permissions.js";
import { retentionSettings } from "../../privacy/retention.js";
import { requirePermission, requirePermissions, router } from "../../trpc.js";
import { ZCallRefInput, ZSaveCallAsScenarioInput, ZSearchCallsInput, ZSetRetentionInput } from "./inputs.js";
import { searchCalls } from "./search.js";
import { saveCallAsScenario } from "./to-scenario.js";
import { loadTrace, traceForViewer } from "./trace.js";

/**
 * Call traces (issue 12): search real calls, read one call's trace, save a call as a scenario, and the retention
 * period. Callers' numbers are masked here, on the server, for every role without `seeCallerNumbers`.
 */
export const callsRouter = router({
  /** Calls newest first, one page at a time. */
  search: requirePermission("readCalls")
    .input(ZSearchCallsInput)
    .query(({ ctx, input }) => searchCalls(ctx.prisma, input, roleHasPermission(ctx.user.role, "seeCallerNumbers"))),

  /** One call: its visits in order with outlet, reason, prompts heard and what came back; the queue; version and calendars. */
  trace: requirePermission("readCalls")
    .input(ZCallRefInput)
    .query(async ({ ctx, input }) => {
      const { trace, flowId } = await loadTrace(ctx.prisma, input.callId);
      return { trace: traceForViewer(trace, roleHasPermission(ctx.user.role, "seeCallerNumbers")), flowId };
    }),

  /** The call as a scenario of its flow's draft, saved only when it passes against the version the call ran on. */
  saveAsScenario: requirePermissions("saveScenarios", "readCalls")
    .input(ZSaveCallAsScenarioInput)
    .mutation(({ ctx, input }) => saveCallAsScenario(ctx, input, roleHasPermission(ctx.user.role, "seeCallerNumbers"))),

  /** How long call records are kept, and the last purge. */
  retention: requirePermission("readCalls").query(({ ctx }) => retentionSettings(ctx.prisma)),

  /** Sets the retention period; the scheduler's next purge applies it. */
  setRetention: requirePermission("manageRetention")
    .input(ZSetRetentionInput)
    .mutation(async ({ ctx, input }) => {
      const before = await retentionSettings(ctx.prisma);
      await ctx.prisma.$transaction(async (tx) => {
        await tx.privacySettings.upsert({
          where: { id: 1 },
          create: { id: 1, retentionDays: input.retentionDays, updatedById: ctx.user.id, updatedAt: ctx.now() },
          update: { retentionDays: input.retentionDays, updatedById: ctx.user.id, updatedAt: ctx.now() },
        });
        await recordAudit(tx, { action: "privacy.retention_set", actorId: ctx.user.id, subjectType: "privacy", subjectId: "retention", details: { from: before.retentionDays, to: input.retentionDays } });
      });
      return retentionSettings(ctx.prisma);
    }),
});
