import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpressionSuggestion } from '../../code/expression-check';

interface PlainExpressionInputProps {
  id: string;
  value: string;
  readOnly: boolean;
  suggestions: readonly ExpressionSuggestion[];
  onChange(value: string): void;
}

/** A text input for an expression with a picker that inserts a variable at the cursor (Monaco's stand-in). */
export function PlainExpressionInput({ id, value, readOnly, suggestions, onChange }: PlainExpressionInputProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const insert = (name: string) => {
    const start = input.current?.selectionStart ?? value.length;
    const end = input.current?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + name + value.slice(end));
  };
  return (
    <div className="sb-plain-expression">
      <input id={id} ref={input} className="sb-input sb-input--code" type="text" spellCheck={false} value={value} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />
      {!readOnly && (
        <select className="sb-input sb-input--compact" value="" aria-label={t('inspector.insertVariable')} onChange={(e) => e.target.value && insert(e.target.value)}>
          <option value="">{t('inspector.insertVariable')}</option>
          {suggestions
            .filter((s) => s.kind !== 'function')
            .map((s) => (
              <option key={s.label} value={s.insertText}>
                {s.label} — {s.detail}
              </option>
            ))}
        </select>
      )}
    </div>
  );
}
