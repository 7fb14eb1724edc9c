import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useTRPC } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { ErrorMessage } from '../ui/ErrorMessage';

import { CalendarEditor } from './CalendarEditor';
import { IcsImport } from './IcsImport';

/** Shared holiday calendars: the list, a new one, and .ics import. Everybody reads; publishers and admins change. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const calendars = useQuery(trpc.calendars.list.queryOptions());
  const existing = useMemo(() => new Map((calendars.data ?? []).map((calendar) => [calendar.name, calendar.revision])), [calendars.data]);
  return (
    <main className="sb-app-page" data-testid="calendars-page">
      <div className="sb-app-page__head">
        <h1>{t('app.calendars.title')}</h1>
        <GuardedButton permission="editCalendars" className="sb-app-button sb-app-button--primary" onClick={() => navigate('/calendars/new')}>
          {t('app.calendars.create')}
        </GuardedButton>
      </div>
      <p className="sb-app-muted">{t('app.calendars.intro')}</p>
      {calendars.isError && <ErrorMessage error={calendars.error} />}
      {calendars.data && calendars.data.length === 0 && <p>{t('app.calendars.none')}</p>}
      {calendars.data && calendars.data.length > 0 && (
        <table className="sb-app-table" data-testid="calendars-list">
          <thead>
            <tr>
              <th>{t('app.calendars.name')}</th>
              <th>{t('app.calendars.timezone')}</th>
              <th>{t('app.calendars.entries')}</th>
              <th>{t('app.calendars.revision')}</th>
              <th>{t('app.calendars.savedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {calendars.data.map((calendar) => (
              <tr key={calendar.name}>
                <td>
                  <Link href={`/calendars/${encodeURIComponent(calendar.name)}`}>{calendar.name}</Link>
                </td>
                <td>{calendar.timezone}</td>
                <td>{calendar.entries}</td>
                <td>{calendar.revision}</td>
                <td>
                  {calendar.savedBy ?? ''} {calendar.savedAt.slice(0, 16).replace('T', ' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <IcsImport existing={existing} />
    </main>
  );
}

/** One calendar by name (`/calendars/:name`), or a new one (`/calendars/new`). */
export function CalendarPage({ name }: { name: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const isNew = name === 'new';
  const calendar = useQuery({ ...trpc.calendars.get.queryOptions({ name }), enabled: !isNew });
  if (isNew) return <CalendarEditor initial={{ document: { schemaVersion: 1, name: '', timezone: 'Europe/London', description: '', entries: [] }, revision: null }} />;
  if (calendar.isError) return <main className="sb-app-page"><ErrorMessage error={calendar.error} /></main>;
  if (!calendar.data) return <main className="sb-app-page"><p>{t('app.calendars.loading')}</p></main>;
  return <CalendarEditor key={`${name}:${calendar.data.revision}`} initial={{ document: calendar.data.document as never, revision: calendar.data.revision }} />;
}
