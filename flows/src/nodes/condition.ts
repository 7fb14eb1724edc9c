import { z } from 'zod';
import { KeySchema } from '../document/common.js';
import { EXPRESSION_PROBLEM_MESSAGE } from '../expressions/cel.js';
import { defineNode } from './types.js';
import { because } from '../interpreter/reasons.js';

/** The outlet taken when no branch is true (or an expression fails at call time). */
export const CONDITION_DEFAULT_OUTLET = 'default';

export const ConditionBranchSchema = z.object({
  /** Outlet name of the branch. */
  key: KeySchema,
  label: z.string().min(1, 'must not be empty').max(60),
  /** CEL expression over the flow's variables and built-ins; must be true or false. */
  expression: z.string().max(2000),
});

export const ConditionDataSchema = z.object({
  branches: z.array(ConditionBranchSchema).min(1, 'add at least one branch').max(20),
});
export type ConditionData = z.infer<typeof ConditionDataSchema>;

interface ConditionConfig {
  branches: Array<{ key: string; expression: string }>;
}

/**
 * Routes by the first branch whose CEL expression is true, in order; `default` otherwise.
 *
 * An expression that fails while the call runs (a missing channel variable, a division by zero) sends the call
 * to `default` at once, without trying later branches: the designer treats `default` as "could not decide".
 */
export const conditionNode = defineNode({
  type: 'condition',
  title: 'Condition',
  description: 'Routes by the first branch whose expression is true (e.g. tier == "gold"), otherwise by Default.',
  category: 'routing',
  dataSchema: ConditionDataSchema,
  defaults: () => ({ branches: [{ key: 'uk', label: 'UK caller', expression: 'caller.startsWith("+44")' }] }),
  outlets: (data) => {
    const outlets = [];
    const seen = new Set<string>([CONDITION_DEFAULT_OUTLET]);
    for (const branch of data.branches) {
      if (seen.has(branch.key)) continue; // SB141; the outlet list must stay unique
      seen.add(branch.key);
      outlets.push({ name: branch.key, label: branch.label });
    }
    outlets.push({ name: CONDITION_DEFAULT_OUTLET, label: 'Default' });
    return outlets;
  },
  callerFacing: false,
  waitsForCaller: false,
  requirements: () => [],
  compile: (data, ctx): ConditionConfig => {
    const seen = new Map<string, number>();
    data.branches.forEach((branch, index) => {
      const field = `branches[${index}]`;
      const first = seen.get(branch.key);
      if (branch.key === CONDITION_DEFAULT_OUTLET) {
        ctx.report('SB141.reservedDefault', `${field}.key`, { key: CONDITION_DEFAULT_OUTLET });
      } else if (first !== undefined) {
        ctx.report('SB141.duplicateKey', `${field}.key`, { key: branch.key, first: first + 1, second: index + 1 });
      } else seen.set(branch.key, index);

      const check = ctx.expressions.check(branch.expression);
      if (!check.ok) {
        ctx.report(EXPRESSION_PROBLEM_MESSAGE[check.problem], `${field}.expression`, { detail: check.message });
      } else if (check.type !== 'bool' && check.type !== 'dyn') {
        ctx.report('SB132.conditionNotBoolean', `${field}.expression`, { branch: branch.label, actual: check.type });
      }
    });
    // Duplicate keys can never be taken (the first wins), so only the first of each key is kept.
    return { branches: data.branches.filter((b, i) => seen.get(b.key) === i).map((b) => ({ key: b.key, expression: b.expression })) };
  },
  enter: (node, ctx) => {
    for (const branch of node.config.branches) {
      const result = ctx.evaluate(branch.expression);
      if (!result.ok) return { kind: 'next', outlet: CONDITION_DEFAULT_OUTLET, ...because('condition.failed', { branch: branch.key, error: result.error }) };
      if (result.value === true) return { kind: 'next', outlet: branch.key, ...because('condition.true', { expression: branch.expression }) };
    }
    return { kind: 'next', outlet: CONDITION_DEFAULT_OUTLET, ...because('condition.none') };
  },
});
