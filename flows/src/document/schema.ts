import { z } from 'zod';
import { nodeRegistry, type NodeRegistry, type NodeType } from '../nodes/registry.js';
import { ScenarioSchema, type Scenario } from '../simulation/scenario.js';
import { FlowNameSchema, IdSchema, LanguageSchema, PositionSchema, VariableDeclarationSchema } from './common.js';

// Lives in common.ts so node modules (sub-flow) can use it without importing the registry-derived schema.
export { FlowNameSchema };

/** The current flow document format. Older documents are migrated on load (see migrations.ts). */
export const FLOW_SCHEMA_VERSION = 1;

type DataOf<K extends NodeType> = z.output<NodeRegistry[K]['dataSchema']>;

/** A node in the document, typed by its `type`. */
export type FlowNode = {
  [K in NodeType]: { id: string; type: K; label?: string; position: { x: number; y: number }; data: DataOf<K> };
}[NodeType];

export type FlowNodeOf<K extends NodeType> = Extract<FlowNode, { type: K }>;

const nodeVariants = Object.values(nodeRegistry).map((definition) =>
  z.object({
    id: IdSchema,
    type: z.literal(definition.type),
    label: z.string().max(80).optional(),
    position: PositionSchema,
    data: definition.dataSchema,
  }),
);

export const FlowNodeSchema = z.discriminatedUnion(
  'type',
  nodeVariants as unknown as [(typeof nodeVariants)[number], ...(typeof nodeVariants)[number][]],
) as unknown as z.ZodType<FlowNode>;

export const FlowEdgeSchema = z.object({
  id: IdSchema,
  source: IdSchema,
  /** Outlet name on the source node (`next`, a menu digit, `overflow`, …). */
  sourceOutlet: z.string().min(1).max(40),
  target: IdSchema,
});
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;

export const FlowDocumentSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  name: FlowNameSchema,
  description: z.string().max(2000).default(''),
  /** Languages prompts are written in; the first is the default. */
  languages: z.array(LanguageSchema).min(1, 'declare at least one language').max(10),
  variables: z.array(VariableDeclarationSchema).max(200).default([]),
  nodes: z.array(FlowNodeSchema).max(20000),
  edges: z.array(FlowEdgeSchema).max(60000),
  /**
   * Saved test calls; absent means none (left out rather than defaulted to `[]` so that documents without any
   * read back byte for byte). They travel with the flow (versions, diffs, export) but never change what it
   * compiles to.
   */
  scenarios: z.array(ScenarioSchema).max(200).optional(),
});

export type FlowDocument = Omit<z.output<typeof FlowDocumentSchema>, 'nodes' | 'scenarios'> & { nodes: FlowNode[]; scenarios?: Scenario[] };
