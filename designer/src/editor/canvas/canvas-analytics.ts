import type { FlowDocument } from '@switchboard/flows';
import { createContext, useContext } from 'react';

/** How callers went through one node over a period (the analytics router's node drop-off). */
export interface NodeFigures {
  entered: number;
  /** Visits by the outlet they left by. */
  outlets: Readonly<Record<string, number>>;
  endedHere: number;
  hungUpHere: number;
}

/** The canvas's analytics mode: figures per node id. Nodes without figures had no callers. */
export type CanvasAnalytics = Readonly<Record<string, NodeFigures>>;

export const CanvasAnalyticsContext = createContext<CanvasAnalytics | null>(null);

/** The node's figures in analytics mode (zeros for a node nobody reached); null outside analytics mode. */
export function useNodeFigures(nodeId: string): NodeFigures | null {
  const analytics = useContext(CanvasAnalyticsContext);
  if (!analytics) return null;
  return analytics[nodeId] ?? { entered: 0, outlets: {}, endedHere: 0, hungUpHere: 0 };
}

/** An edge's callers and the stroke width that shows it (1–10 px, by share of the busiest edge). */
export interface EdgeFigure {
  calls: number;
  width: number;
}

/** Callers per edge: the visits of its source node that left by its outlet. */
export function edgeFigures(document: FlowDocument, analytics: CanvasAnalytics): Map<string, EdgeFigure> {
  const counts = document.edges.map((edge) => [edge.id, analytics[edge.source]?.outlets[edge.sourceOutlet] ?? 0] as const);
  const busiest = Math.max(1, ...counts.map(([, calls]) => calls));
  return new Map(counts.map(([id, calls]) => [id, { calls, width: calls === 0 ? 1 : 1 + Math.round((9 * calls) / busiest) }]));
}
