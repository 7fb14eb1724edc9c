import { z } from 'zod';
import { KeySchema } from '../document/common.js';
import { defineNode } from './types.js';

export const ReturnDataSchema = z.object({
  /** Outcome handed back to the calling flow: the outlet its Sub-flow node continues by. */
  outcome: KeySchema,
});
export type ReturnData = z.infer<typeof ReturnDataSchema>;

interface ReturnConfig {
  outcome: string;
}

/**
 * Ends a sub-flow and continues the calling flow by the outlet named `outcome` (`failed` when the calling node
 * does not list it). In a flow that was not called as a sub-flow it ends the call.
 */
export const returnNode = defineNode({
  type: 'return',
  title: 'Return',
  description: 'Ends this sub-flow and hands an outcome (e.g. "verified") back to the calling flow.',
  category: 'end',
  dataSchema: ReturnDataSchema,
  defaults: () => ({ outcome: 'done' }),
  outlets: () => [],
  callerFacing: false,
  waitsForCaller: false,
  requirements: () => [],
  compile: (data): ReturnConfig => ({ outcome: data.outcome }),
  enter: (node) => ({ kind: 'return', outcome: node.config.outcome }),
});
