import { importIcs, localTimeOf, parseCalendar, type IcsImportResult } from '@switchboard/flows';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { DiagnosticList } from '../ui/DiagnosticList';
import { ErrorMessage } from '../ui/ErrorMessage';

/** A file's text (FileReader: every browser has it). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/**
 * Import an .ics file: it is read in the browser with the same importer the API uses, and what was understood —
 * every event and what it became, every warning by line and UID — is shown before anything is saved. Saving a name
 * that exists makes a new revision of that calendar.
 */
export function IcsImport({ existing }: { existing: ReadonlyMap<string, number> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState('');
  const from = localTimeOf(Date.now(), 'UTC').slice(0, 10);
  const result: IcsImportResult | null = text === null ? null : importIcs(text, { from, ...(name.trim() ? { name: name.trim() } : {}), ...(timezone.trim() ? { timezone: timezone.trim() } : {}) });
  const checked = result?.document ? parseCalendar(result.document) : null;
  const errors = checked?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const target = result?.document?.name ?? '';
  const save = useMutation(
    trpc.calendars.save.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.calendars.list.queryKey() });
        navigate(`/calendars/${encodeURIComponent(saved.name)}`);
      },
    }),
  );
  return (
    <section className="sb-app-section" data-testid="ics-import">
      <h2>{t('app.calendars.importTitle')}</h2>
      <label>
        {t('app.calendars.importFile')}
        <input
          type="file"
          accept=".ics,text/calendar"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            setText(await readText(file));
          }}
        />
      </label>
      {result && (
        <>
          <div className="sb-app-form">
            <label>
              {t('app.calendars.name')}
              <input value={name} placeholder={result.document?.name ?? ''} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              {t('app.calendars.timezone')}
              <input value={timezone} placeholder={result.document?.timezone ?? ''} onChange={(e) => setTimezone(e.target.value)} />
            </label>
          </div>
          <p>{t('app.calendars.understoodIntro', { file: fileName, events: result.events.length, entries: result.document?.entries.length ?? 0, horizon: from })}</p>
          <ul data-testid="ics-understood">
            {result.events.map((event, index) => (
              <li key={index}>
                <strong>{event.summary}</strong>: {event.understood} <span className="sb-app-muted">{t('app.calendars.line', { line: event.line })}</span>
              </li>
            ))}
          </ul>
          {result.warnings.length > 0 && (
            <>
              <h3>{t('app.calendars.warnings')}</h3>
              <ul data-testid="ics-warnings">
                {result.warnings.map((warning, index) => (
                  <li key={index}>
                    {warning.line !== null && t('app.calendars.line', { line: warning.line })} {warning.uid && <code>{warning.uid}</code>} {warning.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {checked && checked.diagnostics.length > 0 && <DiagnosticList diagnostics={checked.diagnostics} />}
          {result.document && (
            <GuardedButton
              permission="editCalendars"
              className="sb-app-button sb-app-button--primary"
              disabled={errors.length > 0 || save.isPending}
              onClick={() => save.mutate({ document: result.document, baseRevision: existing.get(target) ?? null, message: t('app.calendars.importMessage', { file: fileName }) })}
            >
              {existing.has(target) ? t('app.calendars.importSaveRevision', { name: target }) : t('app.calendars.importSaveNew', { name: target })}
            </GuardedButton>
          )}
          {save.isError && <ErrorMessage error={save.error} />}
        </>
      )}
    </section>
  );
}
