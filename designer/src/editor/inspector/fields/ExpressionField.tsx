import { lazy, Suspense, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLER_LANGUAGE, celTypeOf } from '@switchboard/flows';
import { expressionProblem, expressionSuggestions, type ExpectedType } from '../../code/expression-check';
import { MonacoBoundary } from '../../code/MonacoBoundary';
import { useFormContext } from '../form-context';
import { fieldKey, getAt, type FieldPath } from '../value-paths';
import { FieldRow } from './FieldRow';
import { PlainExpressionInput } from './PlainExpressionInput';
import type { WidgetProps } from './widget-props';

const MonacoExpressionEditor = lazy(() => import('../../code/MonacoExpressionEditor'));

/** What type the expression must have: true/false for condition branches, the assigned variable's type otherwise. */
function expectedTypeFor(nodeType: string, path: FieldPath, formValue: unknown, variables: ReturnType<typeof useFormContext>['variables']): ExpectedType {
  if (nodeType === 'condition') return 'bool';
  const variableName = getAt(formValue, [...path.slice(0, -1), 'variable']);
  if (variableName === CALLER_LANGUAGE) return 'string';
  const variable = variables.find((v) => v.name === variableName);
  return variable ? (celTypeOf(variable.type) as ExpectedType) : null;
}

/**
 * A CEL expression (condition branches, assignments): Monaco with variable completion, the checker's problem
 * underlined and repeated below. Falls back to a plain input with a variable picker if Monaco cannot load.
 */
export function ExpressionField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const text = typeof value === 'string' ? value : '';
  const expected = expectedTypeFor(ctx.nodeType, path, ctx.formValue, ctx.variables);
  const problem = useMemo(() => expressionProblem(ctx.expressions, text, expected), [ctx.expressions, text, expected]);
  const suggestions = useMemo(() => expressionSuggestions(ctx.variables), [ctx.variables]);
  const fieldMessages = ctx.messages.get(fieldKey(path)) ?? [];
  const messages = problem && !fieldMessages.some((m) => m.text === problem || m.english === problem) ? [{ severity: 'error' as const, text: problem }, ...fieldMessages] : fieldMessages;
  const plain = <PlainExpressionInput id={id} value={text} readOnly={ctx.readOnly} suggestions={suggestions} onChange={onChange} />;
  return (
    <FieldRow label={label} htmlFor={id} helpKey="help.expression" messages={messages}>
      <MonacoBoundary fallback={plain}>
        <Suspense fallback={plain}>
          <MonacoExpressionEditor value={text} ariaLabel={t('inspector.expressionOf', { field: label })} readOnly={ctx.readOnly} problem={problem} suggestions={suggestions} onChange={onChange} />
        </Suspense>
      </MonacoBoundary>
    </FieldRow>
  );
}
