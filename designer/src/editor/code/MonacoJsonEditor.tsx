import { useEffect, useRef } from 'react';
import { flowJsonSchema } from '@switchboard/flows';
import type { TextProblem } from './code-round-trip';
import { monaco } from './monaco';
import { useMonacoEditor } from './useMonacoEditor';

interface MonacoJsonEditorProps {
  value: string;
  readOnly: boolean;
  problems: readonly TextProblem[];
  ariaLabel: string;
  onChange(value: string): void;
}

const SCHEMA_URI = 'https://switchboard.invalid/schemas/flow-document.json';
let schemaConfigured = false;
let modelCounter = 0;

/** Validation and completion for every `*.flow.json` model against the flow document's JSON Schema. */
function configureFlowSchema(): void {
  if (schemaConfigured) return;
  schemaConfigured = true;
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.flow.json'], schema: flowJsonSchema() }],
  });
}

/** Monaco showing the flow as JSON; schema problems from the flows core are added as markers. */
export default function MonacoJsonEditor({ value, readOnly, problems, ariaLabel, onChange }: MonacoJsonEditorProps) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const { host, editor } = useMonacoEditor(value, readOnly, (element) => {
    configureFlowSchema();
    const uri = monaco.Uri.parse(`inmemory://switchboard/editor-${++modelCounter}.flow.json`);
    const model = monaco.editor.createModel(value, 'json', uri);
    const instance = monaco.editor.create(element, {
      model,
      ariaLabel,
      readOnly,
      automaticLayout: true,
      // A plain textarea receives the keys: the canvas (React Flow) recognises it as text entry and leaves
      // Space and Delete alone, which it does not for Chrome's EditContext.
      editContext: false,
      minimap: { enabled: false },
      tabSize: 2,
      scrollBeyondLastLine: false,
      fontSize: 13,
    });
    const subscription = model.onDidChangeContent(() => onChangeRef.current(model.getValue()));
    return { editor: instance, disposables: [subscription] };
  });

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'switchboard',
      problems.map((p) => {
        const end = model.getPositionAt(model.getOffsetAt({ lineNumber: p.line, column: p.column }) + p.length);
        return {
          severity: monaco.MarkerSeverity.Error,
          message: p.code ? `${p.code} ${p.message}` : p.message,
          startLineNumber: p.line,
          startColumn: p.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        };
      }),
    );
  }, [problems]);

  return <div ref={host} className="sb-monaco-json" />;
}
