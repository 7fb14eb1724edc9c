import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { messagesWithin } from '../field-messages';
import { fieldKey } from '../value-paths';
import { FieldMessageList } from './FieldMessageList';
import { HoursList, type Hours } from './HoursList';
import type { WidgetProps } from './widget-props';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const WORKDAYS = DAYS.slice(0, 5);

/** Opening hours per weekday, in the schedule's time zone; a range closing before it opens runs past midnight. */
export function WeeklyHoursField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const weekly = (value ?? {}) as Record<(typeof DAYS)[number], Hours[] | undefined>;
  const setDay = (day: (typeof DAYS)[number], hours: Hours[]) => onChange({ ...weekly, [day]: hours });
  const copyMondayToWorkdays = () => {
    const monday = weekly.monday ?? [];
    onChange({ ...weekly, ...Object.fromEntries(WORKDAYS.map((day) => [day, monday.map((h) => ({ ...h }))])) });
  };
  const base = fieldKey(path);
  return (
    <fieldset className="sb-fieldset">
      <legend className="sb-field__label">{label}</legend>
      <p className="sb-field__help">{t('schedule.weeklyHelp')}</p>
      <table className="sb-weekly">
        <tbody>
          {DAYS.map((day) => (
            <tr key={day}>
              <th scope="row">{t(`weekdays.${day}`)}</th>
              <td>
                <HoursList hours={weekly[day] ?? []} label={t(`weekdays.${day}`)} readOnly={ctx.readOnly} onChange={(hours) => setDay(day, hours)} />
                <FieldMessageList messages={messagesWithin(ctx.messages, `${base}.${day}`)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldMessageList messages={ctx.messages.get(base)} />
      {!ctx.readOnly && (
        <button type="button" className="sb-button sb-button--small" onClick={copyMondayToWorkdays}>
          {t('schedule.copyMonday')}
        </button>
      )}
    </fieldset>
  );
}
