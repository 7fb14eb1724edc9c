import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMessage } from '../field-messages';
import { FieldMessageList } from './FieldMessageList';

interface FieldRowProps {
  label: string;
  /** Id of the control, so clicking the label focuses it. */
  htmlFor?: string;
  /** Translation key of a help text shown under the control, if there is one. */
  helpKey?: string;
  messages?: readonly FieldMessage[] | undefined;
  children: ReactNode;
}

/** A label, its control, an optional help line and the field's messages. */
export function FieldRow({ label, htmlFor, helpKey, messages, children }: FieldRowProps) {
  const { t } = useTranslation();
  const help = helpKey ? t(helpKey, { defaultValue: '' }) : '';
  const invalid = messages?.some((m) => m.severity === 'error');
  return (
    <div className={invalid ? 'sb-field is-invalid' : 'sb-field'}>
      {htmlFor ? (
        <label className="sb-field__label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="sb-field__label">{label}</span>
      )}
      {children}
      {help && <p className="sb-field__help">{help}</p>}
      <FieldMessageList messages={messages} />
    </div>
  );
}
