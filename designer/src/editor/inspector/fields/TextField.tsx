import { useId } from 'react';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldRow } from './FieldRow';
import { helpKeyOf, type WidgetProps } from './widget-props';

/** A line of text. An optional field left empty is removed rather than saved as "". */
export function TextField({ path, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const id = useId();
  const maxLength = field.shape.kind === 'string' ? (field.shape.maxLength ?? undefined) : undefined;
  const long = maxLength !== undefined && maxLength > 300;
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const update = (next: string) => onChange(next === '' && field.optional ? undefined : next);
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={ctx.messages.get(fieldKey(path))}>
      {long ? (
        <textarea id={id} className="sb-input" rows={4} value={text} readOnly={ctx.readOnly} onChange={(e) => update(e.target.value)} />
      ) : (
        <input id={id} className="sb-input" type="text" value={text} readOnly={ctx.readOnly} onChange={(e) => update(e.target.value)} />
      )}
    </FieldRow>
  );
}
