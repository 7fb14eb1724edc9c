import { spoken, type FlowTemplate, type TemplateContext } from './template';

/** The two languages offered: the flow's first two, or its first and the other of English and Chinese. */
export function offeredLanguages(languages: readonly string[]): [string, string] {
  const first = languages[0] ?? 'en';
  const second = languages[1] ?? (first.toLowerCase().startsWith('zh') ? 'en' : 'zh-CN');
  return [first, second];
}

/** A language's name in that language ("English", "中文（中国）"), as a caller choosing it recognises it. */
export function nativeName(language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** A language's name in the UI language, for the steps' canvas names. */
function nameInUi({ uiLanguage }: TemplateContext, language: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** "For English, press 1." said in the language it offers, so each caller understands their own option. */
function offer(language: string, key: string): string {
  return language.toLowerCase().startsWith('zh') ? `${nativeName(language)}服务请按 ${key}。` : `For ${nativeName(language)}, press ${key}.`;
}

const setLanguage = (language: string) => ({ assignments: [{ variable: 'language', expression: JSON.stringify(language) }] });

/**
 * Language selection: a menu (1 / 2) whose options set the caller's language for every prompt after it; a caller
 * who presses nothing keeps the first language.
 */
export const languageChoiceTemplate: FlowTemplate = {
  id: 'languageChoice',
  entry: 'menu',
  steps: [
    {
      key: 'menu',
      type: 'menu',
      label: ({ t }) => t('building.templates.languageChoice.menu'),
      position: { x: 0, y: 60 },
      data: ({ languages }) => {
        const [first, second] = offeredLanguages(languages);
        const words = `${offer(first, '1')} ${offer(second, '2')}`;
        return {
          prompt: spoken(languages, { en: words, zh: words }),
          options: [
            { digit: '1', label: nativeName(first) },
            { digit: '2', label: nativeName(second) },
          ],
          timeoutSeconds: 5,
          maxRetries: 1,
        };
      },
    },
    {
      key: 'first',
      type: 'setVariable',
      label: (context) => context.t('building.templates.languageChoice.first', { language: nameInUi(context, offeredLanguages(context.languages)[0]) }),
      position: { x: 340, y: 0 },
      data: ({ languages }) => setLanguage(offeredLanguages(languages)[0]),
    },
    {
      key: 'second',
      type: 'setVariable',
      label: (context) => context.t('building.templates.languageChoice.second', { language: nameInUi(context, offeredLanguages(context.languages)[1]) }),
      position: { x: 340, y: 160 },
      data: ({ languages }) => setLanguage(offeredLanguages(languages)[1]),
    },
  ],
  edges: [
    ['menu', '1', 'first'],
    ['menu', '2', 'second'],
    ['menu', 'noInput', 'first'],
  ],
  exits: [
    ['first', 'next'],
    ['second', 'next'],
  ],
};
