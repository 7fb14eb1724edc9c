import { ReactFlowProvider } from '@xyflow/react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import '@xyflow/react/dist/style.css';
import './editor.css';
import { FlowEditorView, type FlowEditorProps } from './FlowEditorView';

/**
 * The visual editor for one flow document: palette, canvas, inspector, validation panel and code view.
 * Controlled: pass the document and apply what `onChange` hands back (the app shell saves it).
 */
export function FlowEditor(props: FlowEditorProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <ReactFlowProvider>
        <FlowEditorView {...props} />
      </ReactFlowProvider>
    </I18nextProvider>
  );
}
