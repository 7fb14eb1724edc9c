import { BUILT_IN_VARIABLES, nodeDefinition, type VariableDeclaration } from '@switchboard/flows';

/** Names a prompt of this node type may use as `${name}`: node extras, the flow's variables, text built-ins. */
export function placeholderNamesFor(nodeType: string, variables: readonly VariableDeclaration[]): string[] {
  const builtIns = Object.entries(BUILT_IN_VARIABLES)
    .filter(([, info]) => info.type === 'string')
    .map(([name]) => name);
  return [...(nodeDefinition(nodeType)?.promptPlaceholders ?? []), ...variables.map((v) => v.name), ...builtIns];
}

/** Insert `${name}` into `text` at the cursor (`start`–`end` replaced); returns the text and the new cursor. */
export function insertPlaceholder(text: string, start: number, end: number, name: string): { text: string; cursor: number } {
  const token = `\${${name}}`;
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}
