import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Languages the designer's UI is available in (not to be confused with a flow's prompt languages). */
export const UI_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

const STORAGE_KEY = 'switchboard.uiLanguage';

function initialLanguage(): UiLanguage {
  if (typeof window === 'undefined') return 'en';
  const stored = window.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return window.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** zod's own messages ("Too big: expected number to be <=60") follow the UI language too. */
function applySchemaMessages(language: string): void {
  z.config(language === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
}

/** The designer's i18next instance, ready to use (resources are bundled, so it initialises synchronously). */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: UI_LANGUAGES.map((l) => l.code),
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  initAsync: false,
});
applySchemaMessages(i18n.language);
i18n.on('languageChanged', applySchemaMessages);

/** The page says which language it is in (`<html lang>`), so screen readers pronounce it and fonts fit it. */
function applyDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

/** Switch the UI language and remember the choice in this browser. */
export async function setUiLanguage(language: UiLanguage): Promise<void> {
  await i18n.changeLanguage(language);
  if (typeof window !== 'undefined') window.localStorage?.setItem(STORAGE_KEY, language);
}
