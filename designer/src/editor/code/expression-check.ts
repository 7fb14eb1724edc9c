import { BUILT_IN_VARIABLES, type ExpressionChecker, type VariableDeclaration } from '@switchboard/flows';

/** What an expression must give: true/false for a condition, the variable's CEL type for an assignment. */
export type ExpectedType = 'bool' | 'string' | 'int' | 'double' | null;

/**
 * Check an expression as the compiler will (CEL, against the flow's variables): the problem to show, or null
 * when it is fine. `dyn` results (e.g. from channel variables) are accepted; the call decides at run time.
 */
export function expressionProblem(checker: ExpressionChecker, source: string, expected: ExpectedType): string | null {
  if (source.trim() === '') return null;
  const result = checker.check(source);
  if (!result.ok) return result.message;
  if (expected === null || result.type === 'dyn' || result.type === expected) return null;
  if (expected === 'double' && result.type === 'int') return null;
  return `gives ${result.type}, expected ${expected}`;
}

export interface ExpressionSuggestion {
  label: string;
  detail: string;
  kind: 'variable' | 'builtin' | 'function';
  insertText: string;
}

/** CEL functions and macros worth offering to people who are not programmers. */
const FUNCTIONS: ReadonlyArray<{ name: string; insertText: string; detail: string }> = [
  { name: 'startsWith', insertText: 'startsWith("")', detail: 'text starts with …' },
  { name: 'endsWith', insertText: 'endsWith("")', detail: 'text ends with …' },
  { name: 'contains', insertText: 'contains("")', detail: 'text contains …' },
  { name: 'matches', insertText: 'matches("")', detail: 'text matches a regular expression' },
  { name: 'size', insertText: 'size()', detail: 'length of a text or list' },
  { name: 'int', insertText: 'int()', detail: 'convert to a whole number' },
  { name: 'string', insertText: 'string()', detail: 'convert to text' },
  { name: 'has', insertText: 'has()', detail: 'is a map entry present, e.g. has(channel.tier)' },
];

/** Completion items: the flow's variables, the built-ins (caller, dialled, …) and common functions. */
export function expressionSuggestions(variables: readonly VariableDeclaration[]): ExpressionSuggestion[] {
  return [
    ...variables.map((v) => ({ label: v.name, detail: v.description ? `${v.type} — ${v.description}` : v.type, kind: 'variable' as const, insertText: v.name })),
    ...Object.entries(BUILT_IN_VARIABLES).map(([name, info]) => ({ label: name, detail: `${info.type} — ${info.description}`, kind: 'builtin' as const, insertText: name })),
    ...FUNCTIONS.map((f) => ({ label: f.name, detail: f.detail, kind: 'function' as const, insertText: f.insertText })),
  ];
}
