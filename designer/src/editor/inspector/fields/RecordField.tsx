import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { messagesWithin } from '../field-messages';
import { fieldKey } from '../value-paths';
import { FieldMessageList } from './FieldMessageList';
import type { WidgetProps } from './widget-props';

/** Name → value pairs (HTTP headers). Renaming keeps the order. */
export function RecordField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const entries = Object.entries(value !== null && typeof value === 'object' ? (value as Record<string, string>) : {});
  const update = (next: Array<[string, string]>) => onChange(Object.fromEntries(next));
  const freshKey = () => {
    const keys = new Set(entries.map(([k]) => k));
    let n = entries.length + 1;
    while (keys.has(`${t('inspector.newName')}${n}`)) n++;
    return `${t('inspector.newName')}${n}`;
  };
  return (
    <fieldset className="sb-fieldset">
      <legend className="sb-field__label">{label}</legend>
      {entries.map(([key, text], index) => (
        <div key={index} className="sb-record-row">
          <input className="sb-input" aria-label={t('inspector.entryName')} value={key} readOnly={ctx.readOnly} onChange={(e) => update(entries.map((entry, i) => (i === index ? [e.target.value, entry[1]] : entry)))} />
          <input className="sb-input" aria-label={t('inspector.entryValue', { name: key })} value={text} readOnly={ctx.readOnly} onChange={(e) => update(entries.map((entry, i) => (i === index ? [entry[0], e.target.value] : entry)))} />
          {!ctx.readOnly && (
            <button type="button" className="sb-icon-button" aria-label={t('inspector.removeItem', { item: key })} onClick={() => update(entries.filter((_, i) => i !== index))}>
              ✕
            </button>
          )}
        </div>
      ))}
      <FieldMessageList messages={messagesWithin(ctx.messages, fieldKey(path))} />
      {!ctx.readOnly && (
        <button type="button" className="sb-button sb-button--small" onClick={() => update([...entries, [freshKey(), '']])}>
          {t('inspector.add', { what: label })}
        </button>
      )}
    </fieldset>
  );
}
