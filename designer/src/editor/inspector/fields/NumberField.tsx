import { useId } from 'react';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldRow } from './FieldRow';
import { helpKeyOf, type WidgetProps } from './widget-props';

/**
 * A number with the schema's limits. What the user typed is kept even when it is not a number yet, so the
 * schema can say what is wrong instead of the text silently disappearing.
 */
export function NumberField({ path, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const id = useId();
  const shape = field.shape.kind === 'number' ? field.shape : null;
  const update = (raw: string) => {
    if (raw.trim() === '') onChange(field.optional ? undefined : raw);
    else onChange(Number.isFinite(Number(raw)) ? Number(raw) : raw);
  };
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={ctx.messages.get(fieldKey(path))}>
      <input
        id={id}
        className="sb-input sb-input--number"
        type="number"
        inputMode={shape?.integer ? 'numeric' : 'decimal'}
        step={shape?.integer ? 1 : 'any'}
        min={shape?.min ?? undefined}
        max={shape?.max ?? undefined}
        value={value === undefined || value === null ? '' : String(value)}
        readOnly={ctx.readOnly}
        onChange={(e) => update(e.target.value)}
      />
    </FieldRow>
  );
}
