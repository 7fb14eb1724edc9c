import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { optionLabel } from './field-label';
import { FieldRow } from './FieldRow';
import { helpKeyOf, type WidgetProps } from './widget-props';

const NONE = '\u0000none';

/** A choice among the schema's options; "none" when the field may be left out or set to null. */
export function EnumField({ path, name, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const options = field.shape.kind === 'enum' ? field.shape.options : [];
  const allowsNone = field.optional || field.nullable;
  const current = typeof value === 'string' ? value : NONE;
  const update = (next: string) => {
    if (next !== NONE) onChange(next);
    else onChange(field.nullable ? null : undefined);
  };
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={ctx.messages.get(fieldKey(path))}>
      <select id={id} className="sb-input" value={current} disabled={ctx.readOnly} onChange={(e) => update(e.target.value)}>
        {(allowsNone || current === NONE) && <option value={NONE}>{t('inspector.none')}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(t, ctx.nodeType, name, option)}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}
