import { z } from 'zod';
import { KeySchema } from '../document/common.js';
import { fnv1a32 } from '../util/hash.js';
import { defineNode } from './types.js';
import { because } from '../interpreter/reasons.js';

/** Percentages are resolved to basis points (1/100 of a percent): 10,000 buckets per split. */
const BUCKETS = 10_000;
const HASH_RANGE = 0x1_0000_0000;

export const SplitBranchSchema = z.object({
  key: KeySchema,
  label: z.string().max(60).optional(),
  /** Share of calls, 0–100 with at most two decimals; all branches together make 100. */
  percent: z.number().min(0).max(100),
});

export const SplitDataSchema = z.object({
  branches: z.array(SplitBranchSchema).max(20),
});
export type SplitData = z.infer<typeof SplitDataSchema>;

interface SplitConfig {
  keys: string[];
  /** Cumulative upper bounds in basis points: a call with bucket b takes the first branch with b < threshold. */
  thresholds: number[];
}

/**
 * The bucket (0–9,999) a call falls in at a split node. Scales the hash onto the buckets (multiply, not modulo)
 * so the well-mixed high bits decide: FNV-1a's lowest bits depend only on the characters' lowest bits.
 */
export function splitBucket(callId: string, nodeId: string): number {
  return Math.floor((fnv1a32(`${callId}:${nodeId}`) * BUCKETS) / HASH_RANGE);
}

/**
 * A/B split: sends each call down one branch by percentage. The choice is deterministic per call id and node,
 * so a call that comes back to the same split (or is replayed in the simulator) always takes the same branch,
 * while two splits in one flow choose independently.
 */
export const splitNode = defineNode({
  type: 'split',
  title: 'Split',
  description: 'Sends a share of calls down each branch (A/B tests, gradual roll-outs). The same call always takes the same branch.',
  category: 'routing',
  dataSchema: SplitDataSchema,
  defaults: () => ({
    branches: [
      { key: 'a', label: 'A', percent: 50 },
      { key: 'b', label: 'B', percent: 50 },
    ],
  }),
  outlets: (data) => data.branches.map((branch) => ({ name: branch.key, label: `${branch.label ?? branch.key} · ${branch.percent}%` })),
  callerFacing: false,
  waitsForCaller: false,
  requirements: () => [],
  compile: (data, ctx): SplitConfig => {
    const seen = new Map<string, number>();
    const keys: string[] = [];
    const thresholds: number[] = [];
    let total = 0;
    data.branches.forEach((branch, index) => {
      const first = seen.get(branch.key);
      if (first !== undefined) {
        ctx.report('SB141.duplicateKey', `branches[${index}].key`, { key: branch.key, first: first + 1, second: index + 1 });
      } else seen.set(branch.key, index);
      const basisPoints = Math.round(branch.percent * 100);
      if (Math.abs(branch.percent * 100 - basisPoints) > 1e-6) {
        ctx.report('SB140.tooManyDecimals', `branches[${index}].percent`, { percent: branch.percent });
      }
      total += basisPoints;
      keys.push(branch.key);
      thresholds.push(total);
    });
    if (data.branches.length === 0) ctx.report('SB140.noBranches', 'branches', {});
    else if (total !== BUCKETS) ctx.report('SB140.total', 'branches', { total: total / 100 });
    return { keys, thresholds };
  },
  enter: (node, ctx) => {
    const { keys, thresholds } = node.config;
    const bucket = splitBucket(ctx.state.callId, node.id);
    let chosen = keys.length - 1;
    for (let i = 0; i < thresholds.length; i++) {
      if (bucket < (thresholds[i] as number)) {
        chosen = i;
        break;
      }
    }
    return { kind: 'next', outlet: keys[chosen] ?? '', ...because('split.bucket', { bucket, buckets: BUCKETS }) };
  },
});
