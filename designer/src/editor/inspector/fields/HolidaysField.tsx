import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { messagesWithin } from '../field-messages';
import { fieldKey } from '../value-paths';
import { FieldMessageList } from './FieldMessageList';
import { isYearly, nextHoliday, toggleYearly } from './holiday-date';
import { HoursList, type Hours } from './HoursList';
import type { WidgetProps } from './widget-props';

interface Holiday {
  name: string;
  date: string;
  hours: Hours[];
}

/** Holidays: a name, a date (one-off or every year) and optional partial-day hours; closed all day otherwise. */
export function HolidaysField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const holidays = (Array.isArray(value) ? value : []) as Holiday[];
  const base = fieldKey(path);
  const set = (index: number, patch: Partial<Holiday>) => onChange(holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)));
  const thisYear = new Date().getFullYear();
  return (
    <fieldset className="sb-fieldset">
      <legend className="sb-field__label">{label}</legend>
      <ol className="sb-list">
        {holidays.map((holiday, index) => {
          const yearly = isYearly(holiday.date);
          const name = holiday.name || t('inspector.item');
          return (
            <li key={index} className="sb-list__item">
              <div className="sb-holiday">
                <input className="sb-input" aria-label={t('schedule.holidayName')} value={holiday.name} readOnly={ctx.readOnly} onChange={(e) => set(index, { name: e.target.value })} />
                <input
                  className="sb-input sb-input--date"
                  type={yearly ? 'text' : 'date'}
                  placeholder={yearly ? 'MM-DD' : 'YYYY-MM-DD'}
                  aria-label={t('schedule.holidayDate', { name })}
                  value={holiday.date}
                  readOnly={ctx.readOnly}
                  onChange={(e) => set(index, { date: e.target.value })}
                />
                <label className="sb-checkbox">
                  <input type="checkbox" checked={yearly} disabled={ctx.readOnly} onChange={(e) => set(index, { date: toggleYearly(holiday.date, e.target.checked, thisYear) })} />
                  <span>{t('schedule.everyYear')}</span>
                </label>
                {!ctx.readOnly && (
                  <button type="button" className="sb-icon-button" aria-label={t('inspector.removeItem', { item: name })} onClick={() => onChange(holidays.filter((_, i) => i !== index))}>
                    ✕
                  </button>
                )}
              </div>
              <span className="sb-field__label sb-field__label--small">{t('schedule.holidayHours')}</span>
              <HoursList hours={holiday.hours} label={name} readOnly={ctx.readOnly} onChange={(hours) => set(index, { hours })} />
              <FieldMessageList messages={messagesWithin(ctx.messages, `${base}[${index}]`)} />
            </li>
          );
        })}
      </ol>
      {!ctx.readOnly && (
        <button type="button" className="sb-button sb-button--small" onClick={() => onChange([...holidays, nextHoliday(holidays, { name: t('schedule.newHoliday'), date: `${thisYear}-12-24`, hours: [] })])}>
          {t('schedule.addHoliday')}
        </button>
      )}
    </fieldset>
  );
}
