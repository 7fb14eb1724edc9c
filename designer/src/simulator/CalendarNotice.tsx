import { useTranslation } from 'react-i18next';
import type { CalendarLibrary } from './useCalendarLibrary';

/** Tells the tester which calendars the test call uses (name and revision), and which it cannot find. */
export function CalendarNotice({ library }: { library: CalendarLibrary }) {
  const { t } = useTranslation();
  if (library.loading) return <p className="sb-sim-muted" data-testid="calendar-notice">{t('simulator.calendars.loading')}</p>;
  if (library.loadError) return <p role="alert" className="sb-sim-problem" data-testid="calendar-notice">{t('simulator.calendars.loadFailed', { message: library.loadError })}</p>;
  const used = Object.values(library.calendars);
  return (
    <>
      {used.length > 0 && (
        <p className="sb-sim-muted" data-testid="calendar-notice">
          {t('simulator.calendars.using', { calendars: used.map((calendar) => t('simulator.calendars.revision', { name: calendar.name, revision: calendar.revision })).join(', ') })}
        </p>
      )}
      {library.missing.length > 0 && (
        <p role="alert" className="sb-sim-problem" data-testid="calendar-missing">
          {t('simulator.calendars.missing', { count: library.missing.length, names: library.missing.map((name) => `“${name}”`).join(', ') })}
        </p>
      )}
    </>
  );
}
