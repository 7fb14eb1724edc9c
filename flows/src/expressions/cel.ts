import { Environment } from '@marcbachmann/cel-js';
import type { DiagnosticMessageId } from '../diagnostics/messages.js';
import type { VariableDeclaration, VariableType, VariableValue } from '../document/common.js';

/**
 * Expressions in flows are CEL (Common Expression Language): safe, side-effect free, no `eval`.
 * They are parsed and type-checked at compile time against the flow's declared variables plus the built-ins.
 */
export const BUILT_IN_VARIABLES = {
  caller: { type: 'string', description: "The caller's number (caller id)" },
  dialled: { type: 'string', description: 'The number the caller dialled' },
  language: { type: 'string', description: "The caller's language (one of the flow's languages)" },
  channel: { type: 'map', description: 'Channel variables from the switch, by name (strings)' },
  flags: { type: 'map', description: 'Operational switches, e.g. flags.emergency' },
} as const;

export type BuiltInName = keyof typeof BUILT_IN_VARIABLES;

const CEL_TYPE: Record<VariableType, string> = { string: 'string', integer: 'int', number: 'double', boolean: 'bool' };

/** The CEL result type a flow variable of this type accepts. */
export function celTypeOf(type: VariableType): string {
  return CEL_TYPE[type];
}

export type ExpressionCheck =
  | { ok: true; type: string }
  | { ok: false; problem: 'syntax' | 'unknownVariable' | 'type'; message: string };

/** The diagnostic message for each way an expression can fail its check; the checker's own words are its `detail`. */
export const EXPRESSION_PROBLEM_MESSAGE = {
  syntax: 'SB130.syntax',
  unknownVariable: 'SB131.unknownVariable',
  type: 'SB132.type',
} as const satisfies Record<Extract<ExpressionCheck, { ok: false }>['problem'], DiagnosticMessageId>;

/** Compile-time checker bound to one flow's variables. */
export interface ExpressionChecker {
  check(source: string): ExpressionCheck;
  /** Names a `${…}` placeholder may use. */
  knownNames(): ReadonlySet<string>;
}

function buildEnvironment(variables: Iterable<VariableDeclaration>): Environment {
  let env = new Environment({ unlistedVariablesAreDyn: false, limits: { maxAstNodes: 2000, maxDepth: 64 } })
    .registerVariable('caller', 'string')
    .registerVariable('dialled', 'string')
    .registerVariable('language', 'string')
    .registerVariable('channel', 'map')
    .registerVariable('flags', 'map');
  for (const variable of variables) {
    if (variable.name in BUILT_IN_VARIABLES) continue;
    env = env.registerVariable(variable.name, CEL_TYPE[variable.type]);
  }
  return env;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Make a checker for a flow's declared variables. */
export function createExpressionChecker(variables: readonly VariableDeclaration[]): ExpressionChecker {
  const env = buildEnvironment(variables);
  const names = new Set<string>([...Object.keys(BUILT_IN_VARIABLES), ...variables.map((v) => v.name)]);
  return {
    check(source) {
      let result: { valid: boolean; type?: string; error?: unknown };
      try {
        result = env.check(source) as typeof result;
      } catch (error) {
        return { ok: false, problem: 'syntax', message: firstLine(error) };
      }
      if (result.valid) return { ok: true, type: String(result.type) };
      const message = firstLine(result.error);
      const isParse = result.error instanceof Error && result.error.name === 'ParseError';
      if (isParse) return { ok: false, problem: 'syntax', message };
      if (/Unknown variable/i.test(message)) return { ok: false, problem: 'unknownVariable', message };
      return { ok: false, problem: 'type', message };
    },
    knownNames: () => names,
  };
}

type Evaluator = (context: Record<string, unknown>) => unknown;

/**
 * Evaluates expressions at call time. Parsing is memoised per evaluator, so a flow's expressions are parsed
 * once per process, not once per call.
 */
export class ExpressionEvaluator {
  private readonly env: Environment;
  private readonly parsed = new Map<string, Evaluator>();
  private readonly integerNames: string[];

  constructor(variables: readonly VariableDeclaration[]) {
    this.env = buildEnvironment(variables);
    this.integerNames = variables.filter((v) => v.type === 'integer').map((v) => v.name);
  }

  evaluate(source: string, scope: Record<string, unknown>): { ok: true; value: VariableValue } | { ok: false; error: string } {
    try {
      let fn = this.parsed.get(source);
      if (!fn) {
        fn = this.env.parse(source) as unknown as Evaluator;
        this.parsed.set(source, fn);
      }
      const context: Record<string, unknown> = { ...scope };
      for (const name of this.integerNames) {
        const value = context[name];
        if (typeof value === 'number' && Number.isFinite(value)) context[name] = BigInt(Math.trunc(value));
      }
      return { ok: true, value: toVariableValue(fn(context)) };
    } catch (error) {
      return { ok: false, error: firstLine(error) };
    }
  }
}

/** CEL ints are BigInts; flow variables hold plain JSON values. */
function toVariableValue(value: unknown): VariableValue {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

const PLACEHOLDER = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\s*\}/g;

/** Names used as `${name}` placeholders in a prompt text. */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

type TemplatePart = string | { name: string };
const templates = new Map<string, TemplatePart[]>();

function templateParts(text: string): TemplatePart[] {
  let parts = templates.get(text);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ name: match[1] as string });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  // Prompt texts come from published flows, so the set is small; the bound only guards against misuse.
  if (templates.size > 10_000) templates.clear();
  templates.set(text, parts);
  return parts;
}

/** Replace `${name}` placeholders with values; unknown names become empty. */
export function fillPlaceholders(text: string, lookup: (name: string) => VariableValue | undefined): string {
  if (!text.includes('${')) return text;
  let out = '';
  for (const part of templateParts(text)) {
    if (typeof part === 'string') out += part;
    else {
      const value = lookup(part.name);
      if (value !== undefined && value !== null) out += String(value);
    }
  }
  return out;
}
