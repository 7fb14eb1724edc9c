import type { Prompt, VariableDeclaration } from '../document/common.js';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { placeholderNames, type ExpressionChecker } from '../expressions/cel.js';
import type { CompileContext } from '../nodes/types.js';

/** The per-node compile context handed to node modules. */
export function createCompileContext(options: {
  flowName: string;
  nodeId: string;
  dataPath: string;
  diagnostics: DiagnosticSink;
  languages: readonly string[];
  variables: ReadonlyMap<string, VariableDeclaration>;
  expressions: ExpressionChecker;
}): CompileContext {
  const { nodeId, dataPath, diagnostics, languages, expressions } = options;
  const fieldPath = (field: string) => (field === '' ? dataPath : field.startsWith('[') ? `${dataPath}${field}` : `${dataPath}.${field}`);
  const ctx: CompileContext = {
    ...options,
    report(id, field, params, overrides) {
      diagnostics.report(id, { nodeId, path: fieldPath(field) }, params, overrides);
    },
    checkPrompt(prompt: Prompt | undefined, field: string, checkOptions) {
      const required = checkOptions?.required ?? true;
      const hasText = prompt !== undefined && Object.values(prompt.text).some((t) => t.trim() !== '');
      const hasAudio = prompt?.audio !== undefined && prompt.audio.trim() !== '';
      if (!hasText && !hasAudio) {
        if (required) ctx.report('SB205.emptyPrompt', field, {});
        return;
      }
      if (!prompt) return;
      if (!hasAudio) {
        for (const language of languages) {
          if ((prompt.text[language] ?? '').trim() === '') {
            ctx.report('SB204.missingLanguage', `${field}.text.${language}`, { language });
          }
        }
      }
      const known = expressions.knownNames();
      const extra = new Set(checkOptions?.extraNames ?? []);
      for (const [language, text] of Object.entries(prompt.text)) {
        for (const name of placeholderNames(text)) {
          const root = name.split('.')[0] as string;
          const ok = extra.has(name) || (name.includes('.') ? root === 'channel' || root === 'flags' : known.has(name));
          if (!ok) ctx.report('SB133.undeclaredPlaceholder', `${field}.text.${language}`, { placeholder: `\${${name}}` });
        }
      }
    },
  };
  return ctx;
}
