import { isSaid } from '@switchboard/flows';
import { useTranslation } from 'react-i18next';
import { saidText } from '../../i18n/said-text';
import { KNOWN_EVENT_FIELDS, valueMessageId, type EventField } from './event-fields';

const KNOWN: ReadonlySet<string> = new Set(KNOWN_EVENT_FIELDS);

/**
 * An event's fields as labelled values: known fields by their label in the UI language, known words (queue exit
 * reasons, transfer results) translated; other values are the switch's own data and are marked as not for translation.
 */
export function EventFieldsView({ type, fields }: { type: string; fields: readonly EventField[] }) {
  const { t } = useTranslation();
  return (
    <small className="sb-sim-event-fields">
      {fields.map((field, index) => {
        const label = KNOWN.has(field.name) ? t(`transcriptEvents.fields.${field.name}`) : field.name;
        const id = valueMessageId(type, field);
        const said = id ? { id } : null;
        const value =
          typeof field.value === 'boolean' ? (
            t(field.value ? 'transcriptEvents.yes' : 'transcriptEvents.no')
          ) : said && isSaid(said) ? (
            saidText(t, said, String(field.value))
          ) : (
            <bdi translate="no">{field.value}</bdi>
          );
        return (
          <span key={index} className="sb-sim-event-field" data-field={field.name}>
            {index > 0 ? ' · ' : ''}
            {KNOWN.has(field.name) ? label : <bdi translate="no">{label}</bdi>}
            {t('transcriptEvents.separator')}
            {value}
          </span>
        );
      })}
    </small>
  );
}
