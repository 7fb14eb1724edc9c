import { useId } from 'react';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldMessageList } from './FieldMessageList';
import { helpKeyOf, type WidgetProps } from './widget-props';
import { useTranslation } from 'react-i18next';

/** An on/off switch. */
export function BooleanField({ path, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const checked = value === undefined ? field.defaultValue === true : value === true;
  const help = t(helpKeyOf(ctx.nodeType, fieldPattern(path)), { defaultValue: '' });
  return (
    <div className="sb-field sb-field--checkbox">
      <label htmlFor={id} className="sb-checkbox">
        <input id={id} type="checkbox" checked={checked} disabled={ctx.readOnly} onChange={(e) => onChange(e.target.checked)} />
        <span>{label}</span>
      </label>
      {help && <p className="sb-field__help">{help}</p>}
      <FieldMessageList messages={ctx.messages.get(fieldKey(path))} />
    </div>
  );
}
