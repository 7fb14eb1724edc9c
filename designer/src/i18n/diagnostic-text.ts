import { DIAGNOSTIC_CODES, type Diagnostic } from '@switchboard/flows';
import type { TFunction } from 'i18next';

/** What a diagnostic-like thing needs to be said in the UI language: the English message and, when known, its id and values. */
type Sayable = Pick<Diagnostic, 'message' | 'messageId' | 'params'>;

/** The values as the UI shows them: a node type (`{{nodeType}}`) by its title in the UI language. */
function shownParams(t: TFunction, params: Diagnostic['params']): Record<string, string | number> {
  const shown: Record<string, string | number> = { ...params };
  const nodeType = shown['nodeType'];
  if (typeof nodeType === 'string') shown['nodeType'] = t(`nodes.${nodeType}.title`, { defaultValue: nodeType });
  return shown;
}

/**
 * A diagnostic's message in the UI language: the translation of its message id (`diagnostics.messages.<id>`)
 * with its values filled in, or the English message when it has no id (older data, or an id this UI does not know).
 */
export function diagnosticText(t: TFunction, diagnostic: Sayable): string {
  if (!diagnostic.messageId) return diagnostic.message;
  // `replace` keeps values apart from i18next's own options, so a value named like one (`count`, `ns`) cannot misfire.
  return t(`diagnostics.messages.${diagnostic.messageId}`, { replace: shownParams(t, diagnostic.params), defaultValue: diagnostic.message });
}

/**
 * A diagnostic's hint in the UI language: its specific hint (by `hintId`), or its code's catalog hint; a hint
 * that is neither (older data) is shown as it came. None when it has none.
 */
export function diagnosticHint(t: TFunction, diagnostic: Pick<Diagnostic, 'code' | 'hint' | 'hintId' | 'params'>): string | undefined {
  if (!diagnostic.hint) return undefined;
  if (diagnostic.hintId) return t(`diagnostics.messages.${diagnostic.hintId}`, { replace: shownParams(t, diagnostic.params), defaultValue: diagnostic.hint });
  const entry: { hint?: string } | undefined = DIAGNOSTIC_CODES[diagnostic.code];
  if (entry?.hint !== diagnostic.hint) return diagnostic.hint;
  return t(`diagnostics.${diagnostic.code}.hint`, { defaultValue: diagnostic.hint });
}

/** `{ 'SB141.duplicateKey': … }` → `{ SB141: { duplicateKey: … } }`, the shape i18next looks keys up in. */
export function nestMessages(flat: Readonly<Record<string, string>>): Record<string, Record<string, string>> {
  const nested: Record<string, Record<string, string>> = {};
  for (const [id, text] of Object.entries(flat)) {
    const [code, name] = id.split('.') as [string, string];
    (nested[code] ??= {})[name] = text;
  }
  return nested;
}

