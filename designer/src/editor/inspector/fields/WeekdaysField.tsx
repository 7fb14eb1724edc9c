import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { fieldKey } from '../value-paths';
import { FieldMessageList } from './FieldMessageList';
import type { WidgetProps } from './widget-props';

const ISO_DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** ISO weekdays (1 = Monday … 7 = Sunday) as seven check boxes. */
export function WeekdaysField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const days = new Set(Array.isArray(value) ? (value as number[]) : []);
  const toggle = (day: number, on: boolean) => onChange(ISO_DAYS.filter((d) => (d === day ? on : days.has(d))));
  return (
    <fieldset className="sb-fieldset sb-fieldset--inline">
      <legend className="sb-field__label">{label}</legend>
      {ISO_DAYS.map((day) => (
        <label key={day} className="sb-checkbox">
          <input type="checkbox" checked={days.has(day)} disabled={ctx.readOnly} onChange={(e) => toggle(day, e.target.checked)} />
          <span>{t(`weekdaysShort.${day}`)}</span>
        </label>
      ))}
      <FieldMessageList messages={ctx.messages.get(fieldKey(path))} />
    </fieldset>
  );
}
