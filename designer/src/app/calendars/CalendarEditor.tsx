import { compileCalendar, exportIcs, localTimeOf, parseCalendar, type CalendarDocument } from '@switchboard/flows';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useTRPC } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { usePermission } from '../permissions/usePermission';
import { DiagnosticList } from '../ui/DiagnosticList';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CalendarPreview } from './CalendarPreview';
import { EntryTable } from './EntryTable';
import { documentOf, rowOf, type EntryRow } from './entry-rows';

/** Downloads `text` as a file (the browser's own save dialog). */
export function download(filename: string, text: string, type = 'text/calendar'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Edits one calendar (or a new one when `initial.revision` is null): zone, entries, save as a new revision with a
 * message (a stale save is refused naming who saved), export as .ics, and the next 12 months. Read-only for roles
 * that may not edit calendars, with the reason.
 */
export function CalendarEditor({ initial }: { initial: { document: CalendarDocument; revision: number | null } }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const editing = usePermission('editCalendars');
  const readOnly = !editing.allowed;
  const [name, setName] = useState(initial.document.name);
  const [timezone, setTimezone] = useState(initial.document.timezone);
  const [rows, setRows] = useState<EntryRow[]>(() => initial.document.entries.map(rowOf));
  const [message, setMessage] = useState('');
  const [baseRevision, setBaseRevision] = useState(initial.revision);
  const document = useMemo(() => documentOf({ name, timezone, description: initial.document.description }, rows), [name, timezone, rows, initial.document.description]);
  const checked = useMemo(() => parseCalendar(document, baseRevision ?? 0), [document, baseRevision]);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  const today = localTimeOf(Date.now(), checked.calendar?.timezone ?? 'UTC').slice(0, 10);
  const save = useMutation(
    trpc.calendars.save.mutationOptions({
      onSuccess: async (saved) => {
        setBaseRevision(saved.revision);
        setMessage('');
        await queryClient.invalidateQueries({ queryKey: trpc.calendars.list.queryKey() });
        if (initial.revision === null) navigate(`/calendars/${encodeURIComponent(saved.name)}`);
      },
    }),
  );
  const entryProblems = checked.diagnostics.filter((d) => d.path.startsWith('entries['));
  const otherProblems = checked.diagnostics.filter((d) => !d.path.startsWith('entries['));
  return (
    <main className="sb-app-page" data-testid="calendar-editor">
      <div className="sb-app-page__head">
        <h1>{initial.revision === null ? t('app.calendars.newTitle') : t('app.calendars.editTitle', { name: initial.document.name, revision: baseRevision })}</h1>
        <Link href="/calendars">{t('app.calendars.back')}</Link>
      </div>
      {readOnly && <p className="sb-app-muted" data-testid="calendar-read-only">{editing.reason}</p>}
      <div className="sb-app-form">
        <label>
          {t('app.calendars.name')}
          <input value={name} readOnly={readOnly || initial.revision !== null} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('app.calendars.timezone')}
          <input value={timezone} readOnly={readOnly} onChange={(e) => setTimezone(e.target.value)} />
        </label>
      </div>
      <EntryTable rows={rows} onChange={setRows} readOnly={readOnly} diagnostics={entryProblems} />
      {otherProblems.length > 0 && <DiagnosticList diagnostics={otherProblems} />}
      <div className="sb-app-form">
        {!readOnly && (
          <label>
            {t('app.calendars.message')}
            <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={t('app.calendars.messagePlaceholder')} />
          </label>
        )}
        <GuardedButton permission="editCalendars" className="sb-app-button sb-app-button--primary" disabled={errors.length > 0 || save.isPending} onClick={() => save.mutate({ document, baseRevision, message })}>
          {t('app.calendars.save')}
        </GuardedButton>
        {initial.revision !== null && (
          <button type="button" className="sb-app-button" disabled={errors.length > 0} onClick={() => download(`${name}.ics`, exportIcs(document, Date.now()))}>
            {t('app.calendars.export')}
          </button>
        )}
      </div>
      {errors.length > 0 && <p className="sb-app-muted">{t('app.calendars.fixFirst', { count: errors.length })}</p>}
      {save.isError && <ErrorMessage error={save.error} />}
      {save.isSuccess && <p role="status">{save.data.changed ? t('app.calendars.saved', { revision: save.data.revision }) : t('app.calendars.unchanged')}</p>}
      {checked.calendar && errors.length === 0 && <CalendarPreview calendar={compileCalendar(checked.document ?? document, baseRevision ?? 0).calendar} from={today} />}
      {initial.revision !== null && <Revisions name={initial.document.name} />}
      {initial.revision !== null && <DeleteCalendar name={initial.document.name} />}
    </main>
  );
}

/** Deletes the calendar after a second click; the server refuses while live flows name it, and says which. */
function DeleteCalendar({ name }: { name: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.calendars.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.calendars.list.queryKey() });
        navigate('/calendars');
      },
    }),
  );
  return (
    <section className="sb-app-section">
      {!confirming ? (
        <GuardedButton permission="editCalendars" onClick={() => setConfirming(true)}>
          {t('app.calendars.delete')}
        </GuardedButton>
      ) : (
        <p role="alert">
          {t('app.calendars.deleteConfirm', { name })}{' '}
          <button type="button" className="sb-app-button sb-app-button--danger" disabled={remove.isPending} onClick={() => remove.mutate({ name })}>
            {t('app.calendars.deleteYes')}
          </button>{' '}
          <button type="button" className="sb-app-button" onClick={() => setConfirming(false)}>
            {t('app.calendars.deleteNo')}
          </button>
        </p>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
    </section>
  );
}

function Revisions({ name }: { name: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const revisions = useQuery(trpc.calendars.revisions.queryOptions({ name }));
  if (!revisions.data) return null;
  return (
    <section className="sb-app-section">
      <h2>{t('app.calendars.revisions')}</h2>
      <ul>
        {revisions.data.map((revision) => (
          <li key={revision.number}>
            {t('app.calendars.revisionLine', { number: revision.number, author: revision.author ?? t('app.calendars.someone'), at: revision.createdAt.slice(0, 16).replace('T', ' ') })}
            {revision.message && ` — ${revision.message}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

