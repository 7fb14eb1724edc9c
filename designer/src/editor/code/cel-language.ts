import type { editor, languages } from 'monaco-editor';
import type { ExpressionSuggestion } from './expression-check';
import type { Monaco } from './monaco';

export const CEL_LANGUAGE_ID = 'switchboard-cel';

/** Suggestions per expression editor model: each editor offers its own flow's variables. */
const suggestionsByModel = new WeakMap<editor.ITextModel, () => readonly ExpressionSuggestion[]>();

let registered = false;

/** Register the CEL language once: colours for strings/numbers/operators and variable completion. */
export function registerCelLanguage(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: CEL_LANGUAGE_ID });
  monaco.languages.setMonarchTokensProvider(CEL_LANGUAGE_ID, {
    keywords: ['true', 'false', 'null', 'in'],
    tokenizer: {
      root: [
        [/"([^"\\]|\\.)*"/, 'string'],
        [/'([^'\\]|\\.)*'/, 'string'],
        [/\d+(\.\d+)?/, 'number'],
        [/[A-Za-z_][A-Za-z0-9_]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/[=!<>]=?|&&|\|\||[+\-*/%?:]/, 'operator'],
      ],
    },
  } as languages.IMonarchLanguage);
  monaco.languages.registerCompletionItemProvider(CEL_LANGUAGE_ID, {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const afterDot = before.endsWith('.');
      const all = suggestionsByModel.get(model)?.() ?? [];
      const offered = all.filter((s) => (afterDot ? s.kind === 'function' : true));
      return {
        suggestions: offered.map((s) => ({
          label: s.label,
          detail: s.detail,
          insertText: s.insertText,
          kind: s.kind === 'function' ? monaco.languages.CompletionItemKind.Function : monaco.languages.CompletionItemKind.Variable,
          range,
        })),
      };
    },
  });
}

export function setModelSuggestions(model: editor.ITextModel, suggestions: () => readonly ExpressionSuggestion[]): void {
  suggestionsByModel.set(model, suggestions);
}
