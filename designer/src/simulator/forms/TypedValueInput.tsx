import { useTranslation } from 'react-i18next';
import { VALUE_TYPES, type TypedValue } from './typed-value';

/** A JSON scalar: its kind (text, number, true/false, empty) and its value. */
export function TypedValueInput({ value, onChange, typeLabel, valueLabel }: { value: TypedValue; onChange: (value: TypedValue) => void; typeLabel: string; valueLabel: string }) {
  const { t } = useTranslation();
  return (
    <>
      <select aria-label={typeLabel} value={value.type} onChange={(e) => onChange({ type: e.target.value as TypedValue['type'], value: e.target.value === 'boolean' ? 'true' : value.value })}>
        {VALUE_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`simulator.form.types.${type}`)}
          </option>
        ))}
      </select>
      {value.type === 'boolean' ? (
        <select aria-label={valueLabel} value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : value.type === 'null' ? null : (
        <input aria-label={valueLabel} inputMode={value.type === 'number' ? 'decimal' : undefined} value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })} />
      )}
    </>
  );
}
