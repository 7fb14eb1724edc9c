import { useId } from 'react';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldRow } from './FieldRow';
import { timeZones } from './time-zones';
import { helpKeyOf, type WidgetProps } from './widget-props';

/** An IANA time zone from the browser's list (the current value stays selectable even if unknown). */
export function TimeZoneField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const id = useId();
  const current = typeof value === 'string' ? value : '';
  const zones = timeZones();
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={ctx.messages.get(fieldKey(path))}>
      <select id={id} className="sb-input" value={current} disabled={ctx.readOnly} onChange={(e) => onChange(e.target.value)}>
        {!zones.includes(current) && <option value={current}>{current}</option>}
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}
