import { BUILT_IN_VARIABLES, VariableNameSchema, type FlowDocument, type VariableDeclaration } from '@switchboard/flows';

/** The most variables a flow document may declare (its schema's limit). */
export const MAX_VARIABLES = 200;

/** Why a name cannot be declared, as a translation key under `building.newVariable` with its parameters. */
export interface VariableNameProblem {
  key: 'nameMissing' | 'nameInvalid' | 'nameTaken' | 'nameBuiltIn' | 'tooMany';
  params: Record<string, string | number>;
}

/** What is wrong with declaring `name` in this flow, or null when it can be declared. */
export function variableNameProblem(variables: readonly VariableDeclaration[], name: string): VariableNameProblem | null {
  if (name === '') return { key: 'nameMissing', params: {} };
  if (!VariableNameSchema.safeParse(name).success) return { key: 'nameInvalid', params: { name } };
  if (name in BUILT_IN_VARIABLES) return { key: 'nameBuiltIn', params: { name } };
  if (variables.some((v) => v.name === name)) return { key: 'nameTaken', params: { name } };
  if (variables.length >= MAX_VARIABLES) return { key: 'tooMany', params: { max: MAX_VARIABLES } };
  return null;
}

/** The document with one more declared variable (already checked with {@link variableNameProblem}). */
export function declareVariable(document: FlowDocument, declaration: VariableDeclaration): FlowDocument {
  const problem = variableNameProblem(document.variables, declaration.name);
  if (problem) throw new Error(`cannot declare variable "${declaration.name}": ${problem.key}`);
  return { ...document, variables: [...document.variables, declaration] };
}
