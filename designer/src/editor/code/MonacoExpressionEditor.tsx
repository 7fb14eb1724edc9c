import { useEffect, useRef } from 'react';
import { CEL_LANGUAGE_ID, registerCelLanguage, setModelSuggestions } from './cel-language';
import type { ExpressionSuggestion } from './expression-check';
import { monaco } from './monaco';

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
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const latest = useRef({ onChange, suggestions });
  latest.current = { onChange, suggestions };

  useEffect(() => {
    if (!host.current) return;
    registerCelLanguage(monaco);
    const model = monaco.editor.createModel(value, CEL_LANGUAGE_ID);
    setModelSuggestions(model, () => latest.current.suggestions);
    const instance = monaco.editor.create(host.current, {
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
    editorRef.current = instance;
    return () => {
      subscription.dispose();
      instance.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The editor is created once; value, problem and read-only changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers = problem
      ? [{ severity: monaco.MarkerSeverity.Error, message: problem, startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: model.getLineMaxColumn(1) }]
      : [];
    monaco.editor.setModelMarkers(model, 'cel', markers);
  }, [problem, value]);

  return <div ref={host} className="sb-expression-editor" />;
}
