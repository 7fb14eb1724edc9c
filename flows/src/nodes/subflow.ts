import { z } from 'zod';
import { FlowNameSchema, KeySchema } from '../document/common.js';
import { describeSubflowCycle } from '../linter/subflows.js';
import { defineNode } from './types.js';

/** Taken when the sub-flow is not available or returns an outcome this node does not list. */
export const SUBFLOW_FAILED_OUTLET = 'failed';

export const SubflowDataSchema = z.object({
  /** The called flow, by name (never by id: names survive export and import between environments). */
  flow: FlowNameSchema,
  /** Outcomes the sub-flow's Return nodes use; each becomes an outlet. */
  outcomes: z.array(KeySchema).max(20).default([]),
});
export type SubflowData = z.infer<typeof SubflowDataSchema>;

interface SubflowConfig {
  flow: string;
}

/**
 * Runs another flow and continues by the outlet named after the outcome its Return node gives.
 *
 * Variables are per flow: the sub-flow sees the call's built-ins (`caller`, `dialled`, `language`, `channel`,
 * `flags`) and its own declared variables, starting from their initial values on every call; the calling flow's
 * variables are untouched and back in place on return. A sub-flow reports back through its outcome.
 */
export const subflowNode = defineNode({
  type: 'subflow',
  title: 'Sub-flow',
  description: 'Runs another flow (e.g. "Identify caller") and continues by the outcome it returns.',
  category: 'routing',
  dataSchema: SubflowDataSchema,
  defaults: () => ({ flow: 'Identify caller', outcomes: ['done'] }),
  outlets: (data) => {
    const outlets = [];
    const seen = new Set<string>([SUBFLOW_FAILED_OUTLET]);
    for (const outcome of data.outcomes) {
      if (seen.has(outcome)) continue; // SB190; outlet names stay unique
      seen.add(outcome);
      outlets.push({ name: outcome, label: outcome });
    }
    outlets.push({ name: SUBFLOW_FAILED_OUTLET, label: 'Failed' });
    return outlets;
  },
  callerFacing: false,
  waitsForCaller: false,
  // The sub-flow's own nodes declare theirs; the registry checks every flow a binding links.
  requirements: () => [],
  compile: (data, ctx): SubflowConfig => {
    if (data.flow === ctx.flowName) {
      const cycle = describeSubflowCycle([ctx.flowName, ctx.flowName]);
      ctx.report('SB303.callsItself', 'flow', { node: ctx.nodeId, flow: ctx.flowName, cycle }, { hint: 'SB303.callsItselfHint' });
    }
    const seen = new Set<string>();
    data.outcomes.forEach((outcome, index) => {
      if (outcome === SUBFLOW_FAILED_OUTLET) {
        ctx.report('SB190.failedIsReserved', `outcomes[${index}]`, { outcome: SUBFLOW_FAILED_OUTLET });
      } else if (seen.has(outcome)) {
        ctx.report('SB190.outcomeTwice', `outcomes[${index}]`, { outcome });
      }
      seen.add(outcome);
    });
    return { flow: data.flow };
  },
  enter: (node) => ({ kind: 'call', flow: node.config.flow }),
  calls: (data) => [data.flow],
});
