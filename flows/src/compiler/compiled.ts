import type { VariableDeclaration } from '../document/common.js';

/** Format of the compiled graph; bumped when the interpreter's reading of it changes. */
export const COMPILED_FORMAT = 1;

export interface CompiledNode {
  type: string;
  /** The node module's compiled configuration. */
  config: unknown;
  /** Outlet name → next node id (fallbacks already resolved); `null` where nothing is connected. */
  next: Record<string, string | null>;
}

/**
 * What a published version runs: immutable, canonical JSON, content-hashed. Positions, labels and edge ids are
 * not part of it, so moving boxes on the canvas never changes the hash.
 */
export interface CompiledFlow {
  format: typeof COMPILED_FORMAT;
  name: string;
  schemaVersion: number;
  languages: string[];
  variables: VariableDeclaration[];
  entry: string;
  nodes: Record<string, CompiledNode>;
  /** Names of flows this one calls as sub-flows. */
  subflows: string[];
  /** SHA-256 (hex) of the canonical JSON of everything above. */
  hash: string;
}
