import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { messagesWithin } from '../field-messages';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldRow } from './FieldRow';
import { helpKeyOf, type WidgetProps } from './widget-props';

function toLines(value: unknown): string {
  return Array.isArray(value) ? value.join('\n') : '';
}

/** A list of short texts (skills, numbers, prefixes), one per line. Blank lines are ignored. */
export function LinesField({ path, label, value, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  // Keep the text as typed (a trailing newline while adding a line) as long as it means the same list.
  const [text, setText] = useState(() => toLines(value));
  const parsed = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const shown = toLines(parsed) === toLines(value) ? text : toLines(value);
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={messagesWithin(ctx.messages, fieldKey(path))}>
      <textarea
        id={id}
        className="sb-input sb-input--lines"
        rows={Math.min(8, Math.max(2, parsed.length + 1))}
        placeholder={t('inspector.onePerLine')}
        value={shown}
        readOnly={ctx.readOnly}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
        }}
      />
    </FieldRow>
  );
}
