import { BUILT_IN_VARIABLES, type VariableDeclaration } from '@switchboard/flows';

/**
 * Placeholders some nodes offer in their prompts besides the flow's variables. Mirrors QUEUE_PROMPT_NAMES and
 * CALLBACK_PROMPT_NAMES in the flows core, which its package entry does not export.
 */
const EXTRA_PROMPT_NAMES: Record<string, readonly string[]> = {
  queue: ['position', 'waitMinutes', 'callbackKey', 'leaveKey'],
  callback: ['number', 'confirmKey', 'changeKey', 'declineKey'],
};

/** Names a prompt of this node type may use as `${name}`: node extras, the flow's variables, text built-ins. */
export function placeholderNamesFor(nodeType: string, variables: readonly VariableDeclaration[]): string[] {
  const builtIns = Object.entries(BUILT_IN_VARIABLES)
    .filter(([, info]) => info.type === 'string')
    .map(([name]) => name);
  return [...(EXTRA_PROMPT_NAMES[nodeType] ?? []), ...variables.map((v) => v.name), ...builtIns];
}

/** Insert `${name}` into `text` at the cursor (`start`–`end` replaced); returns the text and the new cursor. */
export function insertPlaceholder(text: string, start: number, end: number, name: string): { text: string; cursor: number } {
  const token = `\${${name}}`;
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}
