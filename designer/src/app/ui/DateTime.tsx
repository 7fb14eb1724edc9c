import { useTranslation } from 'react-i18next';

/** A timestamp in the UI's language, with the exact ISO time as tooltip. */
export function DateTime({ value }: { value: Date | string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return null;
  const date = typeof value === 'string' ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {date.toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}
