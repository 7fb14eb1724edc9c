import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { fieldKey, getAt } from '../value-paths';
import { FieldRow } from './FieldRow';
import type { WidgetProps } from './widget-props';

/** A variable's value at call start, typed by the variable's declared type; empty means "", 0 or false. */
export function InitialValueField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const type = getAt(ctx.formValue, [...path.slice(0, -1), 'type']);
  const messages = ctx.messages.get(fieldKey(path));
  if (type === 'boolean') {
    return (
      <FieldRow label={label} htmlFor={id} messages={messages}>
        <select id={id} className="sb-input" value={value === true ? 'true' : 'false'} disabled={ctx.readOnly} onChange={(e) => onChange(e.target.value === 'true')}>
          <option value="false">{t('inspector.false')}</option>
          <option value="true">{t('inspector.true')}</option>
        </select>
      </FieldRow>
    );
  }
  const numeric = type === 'integer' || type === 'number';
  const update = (raw: string) => {
    if (raw === '') onChange(undefined);
    else if (numeric) onChange(Number.isFinite(Number(raw)) ? Number(raw) : raw);
    else onChange(raw);
  };
  return (
    <FieldRow label={label} htmlFor={id} messages={messages}>
      <input id={id} className="sb-input" type={numeric ? 'number' : 'text'} value={value === undefined || value === null ? '' : String(value)} readOnly={ctx.readOnly} onChange={(e) => update(e.target.value)} />
    </FieldRow>
  );
}
