import { nodeRegistry, type NodeCategory, type NodeType } from '@switchboard/flows';

/** Palette sections, in the order a flow usually runs. */
export const CATEGORY_ORDER: readonly NodeCategory[] = ['entry', 'caller', 'routing', 'queue', 'integration', 'end'];

export interface PaletteGroup {
  category: NodeCategory;
  types: NodeType[];
}

/** Every node type in the registry, grouped by category (registry order within a group). Computed once. */
export const PALETTE_GROUPS: readonly PaletteGroup[] = CATEGORY_ORDER.map((category) => ({
  category,
  types: (Object.keys(nodeRegistry) as NodeType[]).filter((type) => nodeRegistry[type].category === category),
})).filter((group) => group.types.length > 0);
