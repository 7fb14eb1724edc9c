import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { setUiLanguage, UI_LANGUAGES, type UiLanguage } from './index';

/** A small select that switches the UI between English and Simplified Chinese. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = UI_LANGUAGES.some((l) => l.code === i18n.language) ? i18n.language : 'en';
  return (
    <span className="sb-language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} aria-label={t('language.label')} className="sb-input sb-input--compact" value={current} onChange={(e) => void setUiLanguage(e.target.value as UiLanguage)}>
        {UI_LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </span>
  );
}
