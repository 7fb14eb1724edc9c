import { useTranslation } from 'react-i18next';

export interface Hours {
  open: string;
  close: string;
}

interface HoursListProps {
  hours: readonly Hours[];
  /** Accessible name of the list, e.g. "Monday". */
  label: string;
  readOnly: boolean;
  onChange(hours: Hours[]): void;
}

/** Opening ranges `HH:MM–HH:MM`; an empty list reads "closed". */
export function HoursList({ hours, label, readOnly, onChange }: HoursListProps) {
  const { t } = useTranslation();
  const set = (index: number, part: keyof Hours, value: string) => onChange(hours.map((h, i) => (i === index ? { ...h, [part]: value } : h)));
  return (
    <div className="sb-hours">
      {hours.length === 0 && <span className="sb-hours__closed">{t('schedule.closed')}</span>}
      {hours.map((range, index) => (
        <span key={index} className="sb-hours__range">
          <input className="sb-input sb-input--time" aria-label={t('schedule.opensAt', { day: label })} placeholder="09:00" value={range.open} readOnly={readOnly} onChange={(e) => set(index, 'open', e.target.value)} />
          –
          <input className="sb-input sb-input--time" aria-label={t('schedule.closesAt', { day: label })} placeholder="17:00" value={range.close} readOnly={readOnly} onChange={(e) => set(index, 'close', e.target.value)} />
          {!readOnly && (
            <button type="button" className="sb-icon-button" aria-label={t('schedule.removeHours', { day: label })} onClick={() => onChange(hours.filter((_, i) => i !== index))}>
              ✕
            </button>
          )}
        </span>
      ))}
      {!readOnly && (
        <button type="button" className="sb-button sb-button--small sb-button--quiet" onClick={() => onChange([...hours, { open: '09:00', close: '17:00' }])}>
          {t('schedule.addHours')}
        </button>
      )}
    </div>
  );
}
