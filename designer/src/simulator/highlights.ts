import type { Simulation } from '@switchboard/flows';
import type { NodeHighlight } from '../editor';

/**
 * The path on the canvas: nodes of the flow on screen the call has passed are `visited`, the node it is in now
 * is `active`. Sub-flow nodes are not on this canvas; while the call is inside one, the calling node stays lit.
 */
export function pathHighlights(simulation: Simulation): Record<string, NodeHighlight> {
  const main = simulation.mainFlowName;
  const highlights: Record<string, NodeHighlight> = {};
  for (const effect of simulation.effects()) if (effect.kind === 'visit' && effect.flow === main) highlights[effect.nodeId] = 'visited';
  const frame = simulation.state.stack[0];
  if (frame && !simulation.ended) highlights[frame.nodeId] = 'active';
  return highlights;
}
