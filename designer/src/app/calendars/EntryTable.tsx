import { WEEKDAYS, type Diagnostic } from '@switchboard/flows';
import { useTranslation } from 'react-i18next';
import { NEW_ROW, type EntryRow } from './entry-rows';
import { diagnosticText } from '../../i18n/diagnostic-text';

/** The calendar's entries as an editable table; each row shows the problems compiling found in it. */
export function EntryTable({ rows, onChange, readOnly, diagnostics }: { rows: readonly EntryRow[]; onChange: (rows: EntryRow[]) => void; readOnly: boolean; diagnostics: readonly Diagnostic[] }) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<EntryRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <>
      <table className="sb-app-table sb-calendar-entries" data-testid="calendar-entries">
        <thead>
          <tr>
            <th>{t('app.calendars.entryName')}</th>
            <th>{t('app.calendars.kind')}</th>
            <th>{t('app.calendars.date')}</th>
            <th>{t('app.calendars.until')}</th>
            <th>{t('app.calendars.hoursOrWeekday')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const problems = diagnostics.filter((d) => d.path.startsWith(`entries[${index}]`));
            return (
              <tr key={index} className={problems.some((d) => d.severity === 'error') ? 'is-invalid' : undefined}>
                <td>
                  <input aria-label={t('app.calendars.entryNameOf', { row: index + 1 })} value={row.name} readOnly={readOnly} onChange={(e) => set(index, { name: e.target.value })} />
                  {problems.map((d, i) => (
                    <div key={i} className={`sb-app-diagnostic is-${d.severity}`}>
                      {d.code} {diagnosticText(t, d)}
                    </div>
                  ))}
                </td>
                <td>
                  <select aria-label={t('app.calendars.kindOf', { row: index + 1 })} value={row.kind} disabled={readOnly} onChange={(e) => set(index, { kind: e.target.value as EntryRow['kind'] })}>
                    {(['closed', 'hours', 'workday'] as const).map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`app.calendars.kinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={t('app.calendars.dateOf', { row: index + 1 })} placeholder="2027-02-06 / 12-25" value={row.date} readOnly={readOnly} onChange={(e) => set(index, { date: e.target.value })} />
                </td>
                <td>
                  <input aria-label={t('app.calendars.untilOf', { row: index + 1 })} placeholder={t('app.calendars.untilPlaceholder')} value={row.until} readOnly={readOnly} onChange={(e) => set(index, { until: e.target.value })} />
                </td>
                <td>
                  {row.kind === 'workday' && (
                    <select aria-label={t('app.calendars.asOf', { row: index + 1 })} value={row.as} disabled={readOnly} onChange={(e) => set(index, { as: e.target.value as EntryRow['as'] })}>
                      {WEEKDAYS.map((weekday) => (
                        <option key={weekday} value={weekday}>
                          {t('app.calendars.worksAs', { weekday: t(`app.calendars.weekdays.${weekday}`) })}
                        </option>
                      ))}
                      <option value="">{t('app.calendars.ownHours')}</option>
                    </select>
                  )}
                  {(row.kind === 'hours' || (row.kind === 'workday' && row.as === '')) && (
                    <input aria-label={t('app.calendars.hoursOf', { row: index + 1 })} placeholder="09:00-15:00" value={row.hours} readOnly={readOnly} onChange={(e) => set(index, { hours: e.target.value })} />
                  )}
                </td>
                <td>
                  {!readOnly && (
                    <button type="button" className="sb-app-button" aria-label={t('app.calendars.removeRow', { row: index + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                      ×
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" className="sb-app-button" onClick={() => onChange([...rows, { ...NEW_ROW }])}>
          {t('app.calendars.addEntry')}
        </button>
      )}
    </>
  );
}
