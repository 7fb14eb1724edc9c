import { nodeDefinition, type FlowDocument } from '@switchboard/flows';
import type { TFunction } from 'i18next';
import { outletLabel } from '../editor/canvas/outlet-label';
import { stepName } from '../editor/names/describe-place';

/** How the transcript names steps and outlets: as the canvas and the inspector do, never by id alone. */
export interface TranscriptNames {
  /** The step's name on the canvas (its label, else its type), and its id as a secondary detail. */
  node(flow: string, nodeId: string, nodeType: string): { name: string; id: string };
  /** The outlet's label as the canvas shows it. */
  outlet(flow: string, nodeId: string, nodeType: string, outlet: string): string;
}

/**
 * Names from the document under test (the main flow); steps of sub-flows, whose documents the panel does not
 * hold, keep their type and id.
 */
export function transcriptNames(document: FlowDocument, t: TFunction): TranscriptNames {
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const own = (flow: string, nodeId: string) => (flow === document.name ? nodes.get(nodeId) : undefined);
  const typeTitle = (type: string) => t(`nodes.${type}.title`, { defaultValue: type });
  return {
    node(flow, nodeId, nodeType) {
      const node = own(flow, nodeId);
      return { name: node ? stepName(t, node).name : `${typeTitle(nodeType)} ${nodeId}`, id: nodeId };
    },
    outlet(flow, nodeId, nodeType, outlet) {
      const node = own(flow, nodeId);
      const spec = node ? nodeDefinition(node.type)?.outlets(node.data as never).find((o) => o.name === outlet) : undefined;
      return spec ? outletLabel(t, nodeType, spec) : t(`nodes.${nodeType}.outlets.${outlet}`, { defaultValue: outlet });
    },
  };
}

/** Ids as they are, for a transcript shown without its document. */
export const ID_NAMES: TranscriptNames = {
  node: (_flow, nodeId, nodeType) => ({ name: `${nodeType} ${nodeId}`, id: nodeId }),
  outlet: (_flow, _nodeId, _nodeType, outlet) => outlet,
};
