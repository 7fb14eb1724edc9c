import { useEffect, useRef } from 'react';
import { CEL_LANGUAGE_ID, registerCelLanguage, setModelSuggestions } from './cel-language';
import type { ExpressionSuggestion } from './expression-check';
import { monaco } from './monaco';
import { useMonacoEditor } from './useMonacoEditor';

export interface ExpressionEditorProps {
  value: string;
  ariaLabel: string;
  readOnly: boolean;
  /** The problem to underline, or null. */
  problem: string | null;
  suggestions: readonly ExpressionSuggestion[];
  onChange(value: string): void;
}

/** A one-line Monaco editor for a CEL expression: variable completion and the checker's error underlined. */
export default function MonacoExpressionEditor({ value, ariaLabel, readOnly, problem, suggestions, onChange }: ExpressionEditorProps) {
  const latest = useRef({ onChange, suggestions });
  latest.current = { onChange, suggestions };

  const { host, editor } = useMonacoEditor(value, readOnly, (element) => {
    registerCelLanguage(monaco);
    const model = monaco.editor.createModel(value, CEL_LANGUAGE_ID);
    setModelSuggestions(model, () => latest.current.suggestions);
    const instance = monaco.editor.create(element, {
      model,
      ariaLabel,
      readOnly,
      lineNumbers: 'off',
      minimap: { enabled: false },
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: 4,
      lineNumbersMinChars: 0,
      renderLineHighlight: 'none',
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      scrollBeyondLastLine: false,
      scrollbar: { vertical: 'hidden', horizontal: 'auto', alwaysConsumeMouseWheel: false },
      wordWrap: 'off',
      fixedOverflowWidgets: true,
      automaticLayout: true,
      // A plain textarea receives the keys: the canvas (React Flow) recognises it as text entry and leaves
      // Space and Delete alone, which it does not for Chrome's EditContext.
      editContext: false,
      fontSize: 13,
    });
    // One line: Enter accepts a suggestion but never inserts a line break.
    instance.addCommand(monaco.KeyCode.Enter, () => instance.trigger('keyboard', 'acceptSelectedSuggestion', {}), '!suggestWidgetVisible');
    const subscription = model.onDidChangeContent(() => {
      const text = model.getValue();
      if (text.includes('\n')) model.setValue(text.replace(/\r?\n/g, ' '));
      else latest.current.onChange(text);
    });
    return { editor: instance, disposables: [subscription] };
  });

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    const markers = problem
      ? [{ severity: monaco.MarkerSeverity.Error, message: problem, startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: model.getLineMaxColumn(1) }]
      : [];
    monaco.editor.setModelMarkers(model, 'cel', markers);
  }, [problem, value]);

  return <div ref={host} className="sb-expression-editor" />;
}
