import { previewCalendar, type CompiledCalendar } from '@switchboard/flows';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The next 12 months from `from`: every day the calendar changes the ordinary week, and why. */
export function CalendarPreview({ calendar, from }: { calendar: CompiledCalendar; from: string }) {
  const { t } = useTranslation();
  const days = useMemo(() => previewCalendar(calendar, from), [calendar, from]);
  return (
    <section className="sb-app-section" data-testid="calendar-preview">
      <h2>{t('app.calendars.previewTitle', { from })}</h2>
      {days.length === 0 ? (
        <p className="sb-app-muted">{t('app.calendars.previewNone')}</p>
      ) : (
        <table className="sb-app-table">
          <thead>
            <tr>
              <th>{t('app.calendars.date')}</th>
              <th>{t('app.calendars.weekday')}</th>
              <th>{t('app.calendars.entryName')}</th>
              <th>{t('app.calendars.effect')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{t(`app.calendars.weekdays.${day.weekday.toLowerCase()}`)}</td>
                <td>{day.entry}</td>
                <td>{day.kind === 'closed' ? t('app.calendars.effects.closed') : day.kind === 'hours' ? t('app.calendars.effects.hours', { hours: day.hours }) : day.as ? t('app.calendars.effects.workdayAs', { weekday: t(`app.calendars.weekdays.${day.as}`) }) : t('app.calendars.effects.workdayHours', { hours: day.hours })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
