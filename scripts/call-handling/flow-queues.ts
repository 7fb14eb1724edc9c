import type { PrismaClient } from "../../prisma/src/index.js";

/** The callcenter queues (`support@default`, …) that published flows join or book callbacks for. */
export async function queuesOfPublishedFlows(prisma: PrismaClient): Promise<string[]> {
  const versions = await prisma.flowVersion.findMany({ select: { document: true } });
  const queues = new Set<string>();
  for (const { document } of versions) {
    const nodes = (document as { nodes?: Array<{ data?: { queue?: unknown } }> } | null)?.nodes ?? [];
    for (const node of nodes) if (typeof node.data?.queue === "string" && node.data.queue !== "") queues.add(node.data.queue);
  }
  return [...queues].sort();
}
