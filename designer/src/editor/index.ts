/**
 * The flow editor core: everything that edits one flow document in the browser, independent of the server.
 * The app shell (login, flows list, saving, publishing, versions) builds on these exports.
 */
export { FlowEditor } from './FlowEditor';
export { CalendarNamesContext } from './inspector/fields/CalendarsField';
export type { FlowEditorProps } from './FlowEditorView';
export type { NodeHighlight, NodeIssueCount } from './state/canvas-mapping';
export type { Selection } from './state/useCanvasState';
export { useFlowDiagnostics, COMPILE_DEBOUNCE_MS } from './state/useFlowDiagnostics';
export { ValidationPanel } from './validation/ValidationPanel';
export { layoutFlow } from './state/auto-layout';
export { addNode, connectOutlet, removeElements, moveNodes, updateNodeData, outletsOf } from './state/document-edits';
export { copyNodes, pasteNodes, type ClipboardContent } from './state/clipboard';
export { documentToText, parseDocumentText, type TextProblem } from './code/code-round-trip';
export { LanguageSwitch } from '../i18n/LanguageSwitch';
export { i18n, UI_LANGUAGES, setUiLanguage, type UiLanguage } from '../i18n';
export { edgeFigures, type CanvasAnalytics, type EdgeFigure, type NodeFigures } from './canvas/canvas-analytics';
