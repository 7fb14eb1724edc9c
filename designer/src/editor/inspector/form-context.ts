import { createContext, useContext } from 'react';
import type { ExpressionChecker, VariableDeclaration } from '@switchboard/flows';
import type { FieldMessages } from './field-messages';
import type { FieldPath } from './value-paths';

/** What every field editor of one form needs besides its own value. */
export interface FormContextValue {
  /** The node type whose settings are edited; picks special editors (`schedule:weekly`). */
  nodeType: string;
  readOnly: boolean;
  /** The flow's declared languages: one prompt tab each. */
  languages: readonly string[];
  /** The flow's declared variables, for pickers and expression completion. */
  variables: readonly VariableDeclaration[];
  expressions: ExpressionChecker;
  messages: FieldMessages;
  /** The whole form's current values (e.g. an assignment's expression needs its variable's type). */
  formValue: unknown;
  onChange(path: FieldPath, value: unknown): void;
  /**
   * Declare a new flow variable and set the field at `path` to it, as one edit (absent where a form cannot add
   * variables). The name has been checked with `variableNameProblem`.
   */
  createVariable?(path: FieldPath, declaration: VariableDeclaration): void;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const context = useContext(FormContext);
  if (!context) throw new Error('field editors must be rendered inside a settings form');
  return context;
}
