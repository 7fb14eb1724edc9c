import { z } from 'zod';
import { VariableNameSchema, type VariableType } from '../document/common.js';
import type { DiagnosticMessageId } from '../diagnostics/messages.js';
import { EXPRESSION_PROBLEM_MESSAGE } from '../expressions/cel.js';
import { defineNode, type CompileContext } from './types.js';
import { celTypeAssignable, coerceToVariableType } from './variable-value.js';

export const AssignmentSchema = z.object({
  variable: VariableNameSchema,
  /** CEL expression whose value is stored; its type must match the variable's. */
  expression: z.string().max(2000),
});

export const SetVariableDataSchema = z.object({
  assignments: z.array(AssignmentSchema).max(50).default([]),
});
export type SetVariableData = z.infer<typeof SetVariableDataSchema>;

interface SetVariableConfig {
  assignments: Array<{ variable: string; expression: string; type: VariableType }>;
}

/**
 * The built-in a Set variable step may assign besides declared variables: the caller's language. Prompts after it
 * are spoken in the chosen language (a language selection menu); a value that is not one of the flow's languages
 * leaves the language unchanged.
 */
export const CALLER_LANGUAGE = 'language';

/** What an assignment to each variable type needs, said in the message ("needs an int"). */
const WRONG_TYPE_MESSAGE = {
  string: 'SB132.assignString',
  integer: 'SB132.assignInteger',
  number: 'SB132.assignNumber',
  boolean: 'SB132.assignBoolean',
} as const satisfies Record<VariableType, DiagnosticMessageId>;

/**
 * Stores the values of CEL expressions into flow variables, in order (a later assignment sees earlier ones).
 *
 * An expression that fails while the call runs, or whose dynamic value (e.g. `channel.x`) does not fit the
 * variable's type, leaves that variable unchanged; the other assignments still happen and the call continues.
 */
export const setVariableNode = defineNode({
  type: 'setVariable',
  title: 'Set variable',
  description: 'Stores values into flow variables (e.g. attempts = attempts + 1).',
  category: 'routing',
  dataSchema: SetVariableDataSchema,
  defaults: () => ({ assignments: [] }),
  outlets: () => [{ name: 'next', label: 'Next' }],
  callerFacing: false,
  waitsForCaller: false,
  requirements: () => [],
  compile: (data, ctx): SetVariableConfig => {
    const assignments: SetVariableConfig['assignments'] = [];
    data.assignments.forEach((assignment, index) => {
      const field = `assignments[${index}]`;
      if (assignment.variable === CALLER_LANGUAGE) {
        compileLanguageAssignment(assignment.expression, field, ctx);
        assignments.push({ variable: CALLER_LANGUAGE, expression: assignment.expression, type: 'string' });
        return;
      }
      const declared = ctx.variables.get(assignment.variable);
      if (!declared) ctx.report('SB134.undeclaredVariable', `${field}.variable`, { variable: assignment.variable });
      const check = ctx.expressions.check(assignment.expression);
      if (!check.ok) {
        ctx.report(EXPRESSION_PROBLEM_MESSAGE[check.problem], `${field}.expression`, { detail: check.message });
      } else if (declared && !celTypeAssignable(check.type, declared.type)) {
        ctx.report(WRONG_TYPE_MESSAGE[declared.type], `${field}.expression`, { variable: declared.name, actual: check.type });
      }
      if (declared) assignments.push({ variable: declared.name, expression: assignment.expression, type: declared.type });
    });
    return { assignments };
  },
  enter: (node, ctx) => {
    for (const assignment of node.config.assignments) {
      const result = ctx.evaluate(assignment.expression);
      if (!result.ok) continue;
      const value = coerceToVariableType(result.value, assignment.type);
      if (value === undefined) continue;
      if (assignment.variable === CALLER_LANGUAGE) ctx.setLanguage(String(value));
      else ctx.setVariable(assignment.variable, value);
    }
    return { kind: 'next', outlet: 'next' };
  },
  writes: (data) => data.assignments.map((a) => a.variable).filter((name) => name !== CALLER_LANGUAGE),
});

/** The caller's language takes a string; a literal one must be one of the flow's languages (SB060). */
function compileLanguageAssignment(expression: string, field: string, ctx: CompileContext): void {
  const check = ctx.expressions.check(expression);
  if (!check.ok) {
    ctx.report(EXPRESSION_PROBLEM_MESSAGE[check.problem], `${field}.expression`, { detail: check.message });
    return;
  }
  if (!celTypeAssignable(check.type, 'string')) {
    ctx.report('SB132.assignString', `${field}.expression`, { variable: CALLER_LANGUAGE, actual: check.type });
    return;
  }
  const literal = /^\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*$/.exec(expression);
  const language = literal?.[1] ?? literal?.[2];
  if (language !== undefined && !ctx.languages.includes(language)) {
    ctx.report('SB060.languageNotOffered', `${field}.expression`, { language, languages: ctx.languages.join(', ') });
  }
}
