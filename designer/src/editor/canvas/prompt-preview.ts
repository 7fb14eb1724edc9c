import type { Prompt } from '@switchboard/flows';

/** Characters of a prompt shown on a canvas node; the inspector shows the rest. */
const PREVIEW_LENGTH = 80;

/** What a node shows of a prompt: its audio file, or the text in the first language that has some. */
export function promptPreview(prompt: Prompt | undefined, languages: readonly string[]): string {
  if (!prompt) return '';
  if (prompt.audio) return `♪ ${prompt.audio}`;
  const ordered = [...languages, ...Object.keys(prompt.text)];
  const text = ordered.map((language) => prompt.text[language]).find((value) => value !== undefined && value.trim() !== '') ?? '';
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}
