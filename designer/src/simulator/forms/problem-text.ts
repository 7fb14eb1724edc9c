import type { TFunction } from 'i18next';
import { humanize } from '../../editor/inspector/fields/field-label';
import type { FormProblem } from './form-problem';

/** `['http', 0, 'status']` → "HTTP mocks › Mock 1 › HTTP status": the field as the form labels it. */
export function fieldWords(t: TFunction, field: readonly (string | number)[]): string {
  const words: string[] = [];
  let parent = '';
  for (const part of field) {
    if (typeof part === 'number') words.push(t(`simulator.form.items.${parent}`, { n: part + 1, defaultValue: t('simulator.form.item', { n: part + 1 }) }));
    else {
      words.push(t(`simulator.form.fields.${part}`, { defaultValue: humanize(part) }));
      parent = part;
    }
  }
  return words.join(' › ');
}

/** A problem's message in the UI language. */
export function problemMessage(t: TFunction, problem: FormProblem): string {
  return problem.translate ? t(problem.message) : problem.message;
}

/** A problem in words, naming its field: "HTTP mocks › Mock 1 › HTTP status: must be a whole number". */
export function problemText(t: TFunction, problem: FormProblem): string {
  return `${fieldWords(t, problem.field)}: ${problemMessage(t, problem)}`;
}
