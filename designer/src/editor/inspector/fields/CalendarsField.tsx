import { createContext, useContext, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messagesWithin } from '../field-messages';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldRow } from './FieldRow';
import { helpKeyOf, type WidgetProps } from './widget-props';

/**
 * The shared calendars that exist, by name, for the schedule's calendar picker. The app provides them (it can ask
 * the API); without a provider the picker still takes any name and the validation panel reports unknown ones.
 */
export const CalendarNamesContext = createContext<readonly string[] | null>(null);

/** A schedule's calendars, in priority order: pick from the existing ones, remove, move up. */
export function CalendarsField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const known = useContext(CalendarNamesContext);
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const [adding, setAdding] = useState('');
  const available = (known ?? []).filter((name) => !chosen.includes(name));
  const add = () => {
    const name = adding.trim();
    if (name === '' || chosen.includes(name)) return;
    onChange([...chosen, name]);
    setAdding('');
  };
  const move = (index: number) => {
    const next = [...chosen];
    [next[index - 1], next[index]] = [next[index] as string, next[index - 1] as string];
    onChange(next);
  };
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={messagesWithin(ctx.messages, fieldKey(path))}>
      <ol className="sb-calendar-list" data-testid="schedule-calendars">
        {chosen.map((name, index) => (
          <li key={name} className="sb-calendar-list__item">
            <span>{name}</span>
            {known && !known.includes(name) && <span className="sb-hint"> {t('schedule.calendarUnknown')}</span>}
            {!ctx.readOnly && index > 0 && (
              <button type="button" className="sb-button sb-button--small sb-button--quiet" aria-label={t('schedule.calendarUp', { name })} onClick={() => move(index)}>
                ↑
              </button>
            )}
            {!ctx.readOnly && (
              <button type="button" className="sb-button sb-button--small sb-button--quiet" aria-label={t('schedule.calendarRemove', { name })} onClick={() => onChange(chosen.filter((n) => n !== name))}>
                ×
              </button>
            )}
          </li>
        ))}
      </ol>
      {chosen.length === 0 && <p className="sb-hint">{t('schedule.calendarsNone')}</p>}
      {!ctx.readOnly && (
        <div className="sb-calendar-add">
          <input
            id={id}
            className="sb-input"
            list={`${id}-known`}
            value={adding}
            placeholder={t('schedule.calendarPlaceholder')}
            aria-label={t('schedule.calendarAdd')}
            onChange={(e) => setAdding(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <datalist id={`${id}-known`}>
            {available.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <button type="button" className="sb-button sb-button--small" onClick={add} disabled={adding.trim() === ''}>
            {t('schedule.calendarAdd')}
          </button>
        </div>
      )}
    </FieldRow>
  );
}
