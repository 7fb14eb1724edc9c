import { requirePermission, router } from "../../trpc.js";
import { ZListAuditInput } from "./inputs.js";

export const auditRouter = router({
  list: requirePermission("readAudit")
    .input(ZListAuditInput)
    .query(({ ctx, input }) =>
      ctx.prisma.auditEvent.findMany({
        where: input.action ? { action: input.action } : {},
        include: { actor: { select: { displayName: true, email: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit,
      }),
    ),
});
