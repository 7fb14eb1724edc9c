import type { Prompt } from '@switchboard/flows';
import { useFlowLanguages } from './flow-languages-context';
import { promptPreview } from './prompt-preview';

/** The first words of a prompt, quoted, on a canvas node. */
export function PromptLine({ prompt }: { prompt: Prompt | undefined }) {
  const text = promptPreview(prompt, useFlowLanguages());
  if (text === '') return null;
  return <p className="sb-node__prompt">“{text}”</p>;
}
