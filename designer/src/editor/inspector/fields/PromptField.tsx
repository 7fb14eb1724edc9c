import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prompt } from '@switchboard/flows';
import { useFormContext } from '../form-context';
import { messagesWithin } from '../field-messages';
import { fieldKey } from '../value-paths';
import { FieldMessageList } from './FieldMessageList';
import { insertPlaceholder, placeholderNamesFor } from './placeholder-names';
import type { WidgetProps } from './widget-props';

/**
 * What the caller hears: one tab per declared language (text-to-speech) and an optional audio file that is
 * played instead. "Insert variable" puts a `${name}` placeholder at the cursor.
 */
export function PromptField({ path, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const prompt: Prompt = value !== null && typeof value === 'object' ? (value as Prompt) : { text: {} };
  const languages = [...new Set([...ctx.languages, ...Object.keys(prompt.text)])];
  const [active, setActive] = useState(languages[0] ?? 'en');
  const language = languages.includes(active) ? active : (languages[0] ?? 'en');
  const text = prompt.text[language] ?? '';
  const names = placeholderNamesFor(ctx.nodeType, ctx.variables);

  const setText = (next: string) => {
    const texts = { ...prompt.text };
    if (next === '') delete texts[language];
    else texts[language] = next;
    onChange({ ...prompt, text: texts });
  };
  const setAudio = (audio: string) => {
    const { audio: _old, ...rest } = prompt;
    onChange(audio.trim() === '' ? rest : { ...rest, audio });
  };
  const insert = (name: string) => {
    const element = textarea.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    const result = insertPlaceholder(text, start, end, name);
    setText(result.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.cursor, result.cursor);
    });
  };

  return (
    <fieldset className="sb-fieldset sb-prompt">
      <legend className="sb-field__label">{label}</legend>
      <div className="sb-tabs" role="tablist" aria-label={t('prompt.languages')}>
        {languages.map((lang) => (
          <button
            key={lang}
            type="button"
            role="tab"
            aria-selected={lang === language}
            className={lang === language ? 'sb-tab is-active' : 'sb-tab'}
            onClick={() => setActive(lang)}
          >
            {lang}
            {!prompt.audio && !(prompt.text[lang] ?? '').trim() && <span className="sb-tab__missing" title={t('prompt.missing')}> •</span>}
          </button>
        ))}
      </div>
      <label className="sb-visually-hidden" htmlFor={`${id}-text`}>
        {t('prompt.textIn', { field: label, language })}
      </label>
      <textarea
        id={`${id}-text`}
        ref={textarea}
        className="sb-input"
        rows={3}
        value={text}
        placeholder={t('prompt.placeholder')}
        readOnly={ctx.readOnly}
        onChange={(e) => setText(e.target.value)}
      />
      {!ctx.readOnly && names.length > 0 && (
        <select className="sb-input sb-input--compact" value="" aria-label={t('prompt.insertVariable')} onChange={(e) => e.target.value && insert(e.target.value)}>
          <option value="">{t('prompt.insertVariable')}</option>
          {names.map((name) => (
            <option key={name} value={name}>{`\${${name}}`}</option>
          ))}
        </select>
      )}
      <label className="sb-field__label sb-field__label--small" htmlFor={`${id}-audio`}>
        {t('prompt.audio')}
      </label>
      <input id={`${id}-audio`} className="sb-input" type="text" placeholder={t('prompt.audioPlaceholder')} value={prompt.audio ?? ''} readOnly={ctx.readOnly} onChange={(e) => setAudio(e.target.value)} />
      <FieldMessageList messages={messagesWithin(ctx.messages, fieldKey(path))} />
      {field.optional && !ctx.readOnly && (
        <button type="button" className="sb-button sb-button--small sb-button--quiet" onClick={() => onChange(undefined)}>
          {t('inspector.removeOptional', { what: label })}
        </button>
      )}
    </fieldset>
  );
}
