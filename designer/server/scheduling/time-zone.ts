import type { Prisma, PrismaClient } from "@switchboard/db";
import { isKnownTimeZone } from "@switchboard/flows";

export type TimeZoneSource = "binding" | "flow" | "default";

/** The first schedule node's zone in a compiled flow (nodes in id order, so the answer is stable), if any. */
export function scheduleZoneOf(compiled: unknown): string | null {
  const nodes = (compiled as { nodes?: Record<string, { type?: string; config?: { timezone?: unknown } }> } | null)?.nodes ?? {};
  for (const id of Object.keys(nodes).sort()) {
    const node = nodes[id];
    if (node?.type === "schedule" && typeof node.config?.timezone === "string" && isKnownTimeZone(node.config.timezone)) return node.config.timezone;
  }
  return null;
}

/**
 * The zone a binding's schedule times are entered and shown in: the binding's own when set, else the first
 * schedule node's zone of the version it runs, else UTC.
 */
export async function bindingTimeZone(db: PrismaClient | Prisma.TransactionClient, bindingId: string): Promise<{ timeZone: string; source: TimeZoneSource }> {
  const binding = await db.binding.findUniqueOrThrow({ where: { id: bindingId }, select: { timeZone: true, activeVersion: { select: { compiled: true } } } });
  if (binding.timeZone) return { timeZone: binding.timeZone, source: "binding" };
  const fromFlow = scheduleZoneOf(binding.activeVersion.compiled);
  return fromFlow ? { timeZone: fromFlow, source: "flow" } : { timeZone: "UTC", source: "default" };
}
