import type { TFunction } from 'i18next';
import type { NodeType, Prompt } from '@switchboard/flows';
import type { Position } from '../state/document-edits';

/** What a template needs from the flow it goes into and from the UI. */
export interface TemplateContext {
  /** The flow's prompt languages: every prompt gets a text in each. */
  languages: readonly string[];
  /** The UI language's texts, for the steps' canvas names. */
  t: TFunction;
  /** The UI language (`en`, `zh-CN`), for names of languages in it. */
  uiLanguage: string;
  /** A time zone the flow already uses (its first schedule's), so a new schedule agrees with it. */
  timezone: string | undefined;
}

/** One step of a template: a key unique within the template, its type, name, place (relative) and settings. */
export interface TemplateStep {
  key: string;
  type: NodeType;
  /** The step's canvas name, in the UI language. */
  label(context: TemplateContext): string;
  /** Relative to the template's top-left corner. */
  position: Position;
  data(context: TemplateContext): unknown;
}

/**
 * A group of steps for a common pattern, inserted as one undo step with fresh ids. Its settings pass the node
 * schemas, and once its entry is connected the flow compiles without errors (`templates.test.ts` checks both).
 */
export interface FlowTemplate {
  /** Key under `building.templates` of its name and description. */
  id: 'businessHours' | 'queueCallback' | 'languageChoice';
  /** The step to connect the flow to. */
  entry: string;
  steps: readonly TemplateStep[];
  /** `from.outlet → to`, by step key. */
  edges: ReadonlyArray<readonly [from: string, outlet: string, to: string]>;
  /** Outlets left for the user to connect to the rest of the flow (`step.outlet`); every other one is connected. */
  exits: ReadonlyArray<readonly [step: string, outlet: string]>;
}

/** A prompt's words in the languages templates come with; other languages get the English until translated. */
export interface SpokenText {
  en: string;
  zh: string;
}

/** A prompt with a text for each of the flow's languages (Chinese for `zh…`, English otherwise). */
export function spoken(languages: readonly string[], words: SpokenText): Prompt {
  return { text: Object.fromEntries(languages.map((language) => [language, language.toLowerCase().startsWith('zh') ? words.zh : words.en])) };
}
