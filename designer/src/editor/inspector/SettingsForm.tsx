import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createExpressionChecker, type Diagnostic, type FlowDocument, type VariableDeclaration } from '@switchboard/flows';
import { describeSchema } from './describe-schema';
import { collectFieldMessages } from './field-messages';
import { FieldMessageList } from './fields/FieldMessageList';
import { ObjectFields } from './fields/ObjectFields';
import { FormContext, type FormContextValue } from './form-context';
import { useValidatedDraft } from './useValidatedDraft';
import type { FieldPath } from './value-paths';

interface SettingsFormProps {
  document: FlowDocument;
  /** A node type, or `flow` for the flow's own settings: picks special field editors. */
  formType: string;
  ariaLabel: string;
  value: unknown;
  schema: z.ZodType;
  /** Diagnostics about these settings, with their field path relative to `value`. */
  diagnostics: ReadonlyArray<{ field: string; diagnostic: Diagnostic }>;
  readOnly: boolean;
  onCommit(value: unknown, fieldKey: string): void;
  /**
   * Declare a variable created from a field, with the form's new value when it is valid (undefined: the form is
   * not valid yet, declare the variable only). Without it, fields offer no "New variable…".
   */
  onDeclareVariable?(declaration: VariableDeclaration, value: unknown): void;
}

/**
 * A settings form generated from a zod object schema, with zod's and the compiler's messages inline. Valid
 * changes are committed as they are typed; invalid ones stay in the form until fixed.
 */
export function SettingsForm({ document, formType, ariaLabel, value, schema, diagnostics, readOnly, onCommit, onDeclareVariable }: SettingsFormProps) {
  const { t } = useTranslation();
  const { draft, issues, change } = useValidatedDraft<unknown>(value, schema as z.ZodType<unknown, unknown>, onCommit);
  const messages = useMemo(() => collectFieldMessages(issues, diagnostics, t), [issues, diagnostics, t]);
  const expressions = useMemo(() => createExpressionChecker(document.variables), [document.variables]);
  const onChange = useCallback((path: FieldPath, next: unknown) => void change(path, next), [change]);
  const createVariable = useMemo(() => {
    if (!onDeclareVariable) return undefined;
    return (path: FieldPath, declaration: VariableDeclaration) => {
      if (!change(path, declaration.name, (value) => onDeclareVariable(declaration, value))) onDeclareVariable(declaration, undefined);
    };
  }, [change, onDeclareVariable]);
  const context: FormContextValue = {
    nodeType: formType,
    readOnly,
    languages: document.languages,
    variables: document.variables,
    expressions,
    messages,
    formValue: draft,
    onChange,
    ...(createVariable ? { createVariable } : {}),
  };
  const shape = describeSchema(schema).shape;
  return (
    <FormContext.Provider value={context}>
      <form className="sb-form" onSubmit={(e) => e.preventDefault()} aria-label={ariaLabel}>
        <FieldMessageList messages={messages.get('')} />
        {issues.length > 0 && (
          <p className="sb-form__draft-note" role="status">
            {t('inspector.draftNote')}
          </p>
        )}
        {shape.kind === 'object' && <ObjectFields shape={shape.shape} path={[]} value={draft} />}
      </form>
    </FormContext.Provider>
  );
}
