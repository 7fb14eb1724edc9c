import type { Diagnostic } from '@switchboard/flows';
import type { TFunction } from 'i18next';
import { diagnosticHint, diagnosticText } from '../../i18n/diagnostic-text';
import { isFieldWithin } from '../state/diagnostic-paths';
import { fieldKey } from './value-paths';

/** A message shown under a field: a schema problem (from zod) or a compiler/linter diagnostic. */
export interface FieldMessage {
  severity: 'error' | 'warning';
  text: string;
  /** A diagnostic's English message, when `text` is its translation (to recognise the same problem found live). */
  english?: string;
  code?: string;
  hint?: string;
}

interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Messages by field key (`options[1].digit`, `` for the node as a whole). */
export type FieldMessages = ReadonlyMap<string, readonly FieldMessage[]>;

/**
 * Gather what is wrong with a node's settings: zod issues of the form's current values and the diagnostics
 * whose path lies inside the node's data (`field` relative to it), said in the UI language.
 */
export function collectFieldMessages(issues: readonly SchemaIssue[], diagnostics: ReadonlyArray<{ field: string; diagnostic: Diagnostic }>, t: TFunction): FieldMessages {
  const messages = new Map<string, FieldMessage[]>();
  const add = (key: string, message: FieldMessage) => {
    const list = messages.get(key);
    if (list) list.push(message);
    else messages.set(key, [message]);
  };
  for (const issue of issues) add(fieldKey(issue.path.filter((p): p is string | number => typeof p !== 'symbol')), { severity: 'error', text: issue.message });
  for (const { field, diagnostic } of diagnostics) {
    const message: FieldMessage = { severity: diagnostic.severity, text: diagnosticText(t, diagnostic), english: diagnostic.message, code: diagnostic.code };
    const hint = diagnosticHint(t, diagnostic);
    if (hint) message.hint = hint;
    add(field, message);
  }
  return messages;
}

/** Every message at `prefix` or inside it, for editors that show a whole sub-tree (prompts, opening hours). */
export function messagesWithin(messages: FieldMessages, prefix: string): FieldMessage[] {
  const out: FieldMessage[] = [];
  for (const [key, list] of messages) if (isFieldWithin(key, prefix)) out.push(...list);
  return out;
}
