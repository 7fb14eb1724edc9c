import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument, NodeType } from '@switchboard/flows';
import { CanvasAnalyticsContext, type CanvasAnalytics } from './canvas/canvas-analytics';
import { CanvasTextContext, memoizeTranslations } from './canvas/canvas-text';
import { FlowCanvas } from './canvas/FlowCanvas';
import { FIT_ALL_UP_TO, FIT_VIEW_PADDING } from './canvas/initial-view';
import { FlowLanguagesContext } from './canvas/flow-languages-context';
import { isTextEntry, shortcutFor } from './canvas/shortcuts';
import { CodeView } from './code/CodeView';
import { EditorToolbar, type EditorView } from './EditorToolbar';
import { useNextStepPicker } from './building/useNextStepPicker';
import { Inspector } from './inspector/Inspector';
import { ConnectStepContext, useCanvasKeyboard } from './keyboard/useCanvasKeyboard';
import { Palette } from './palette/Palette';
import { ShortcutHelp } from './search/ShortcutHelp';
import { StepSearch } from './search/StepSearch';
import { useCanvasHelp } from './search/useCanvasHelp';
import { DEFAULT_NODE_SIZE, layoutFlow, type NodeSize } from './state/auto-layout';
import type { NodeDecorations, NodeHighlight } from './state/canvas-mapping';
import { copyNodes, PASTE_OFFSET, pasteNodes } from './state/clipboard';
import { countIssuesByNode } from './state/diagnostic-paths';
import { addNode, moveNodes, removeElements, updateNodeData, updateNodeLabel, type Position } from './state/document-edits';
import { duplicateBranch } from './state/duplicate-branch';
import { editorClipboard } from './state/editor-clipboard';
import { useCanvasState, type Selection } from './state/useCanvasState';
import { useEditHistory } from './state/useEditHistory';
import type { FlowSettingsValue } from './inspector/FlowSettings';
import type { PendingEdit } from './state/pending-edits';
import { usePendingEdits } from './state/usePendingEdits';
import { useFlowCompilation } from './state/useFlowDiagnostics';
import { useTemplateInsertion } from './templates/useTemplateInsertion';
import { ValidationPanel } from './validation/ValidationPanel';

/** Props of {@link FlowEditor}. The editor is controlled: the app shell owns the document and saving. */
export interface FlowEditorProps {
  document: FlowDocument;
  /** Every edit, as a new document (including undo/redo). */
  onChange(document: FlowDocument): void;
  /** View only: no palette, no editing; selecting, copying and the code view still work. */
  readOnly?: boolean;
  /** Marks on nodes by id: a version diff (`added`/`removed`/`changed`) or a call's path (`active`/`visited`). */
  highlights?: Readonly<Record<string, NodeHighlight>>;
  onSelectionChange?(selection: Selection): void;
  /** After each (debounced) compile: the document's content hash, null while it has errors. */
  onCompiled?(hash: string | null): void;
  /**
   * Analytics mode: callers who entered each node and hung up there, and callers per edge (labels and widths),
   * e.g. from `analytics.nodeDropOff`. Use with `readOnly`.
   */
  analytics?: CanvasAnalytics;
}

const NO_HIGHLIGHTS: Readonly<Record<string, NodeHighlight>> = {};

/** The editor's layout and commands; {@link FlowEditor} wraps it in the React Flow provider. */
export function FlowEditorView({ document, onChange, readOnly = false, highlights = NO_HIGHLIGHTS, onSelectionChange, onCompiled, analytics }: FlowEditorProps) {
  const { t, i18n } = useTranslation();
  const canvasText = useMemo(() => memoizeTranslations(t), [t, i18n.language]);
  const history = useEditHistory(document, onChange);
  const { diagnostics, hash } = useFlowCompilation(document);
  useEffect(() => {
    if (hash !== undefined) onCompiled?.(hash);
  }, [hash, onCompiled]);
  const decorations = useMemo<NodeDecorations>(() => ({ issues: countIssuesByNode(diagnostics), highlights }), [diagnostics, highlights]);
  const canvas = useCanvasState(document, decorations);
  const { selection, selectNodes } = canvas;
  const flow = useReactFlow();
  const canvasWrapper = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView>('canvas');
  const [codeOpened, setCodeOpened] = useState(false);
  if (view === 'code' && !codeOpened) setCodeOpened(true);
  const [layingOut, setLayingOut] = useState(false);
  const help = useCanvasHelp();
  const onHelpKey = help.onKey;

  useEffect(() => {
    onSelectionChange?.(selection);
  }, [selection, onSelectionChange]);

  // Commands read the latest document and selection through refs, so their identity stays put across edits and
  // the memoised panels (palette, toolbar, inspector) do not re-render on every keystroke or drop. `documentRef`
  // includes the inspector's keystrokes not yet committed (`pending`), so a command computed from it keeps them.
  const committedRef = useRef(document);
  committedRef.current = document;
  const documentRef = useRef(document);
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const { commit: commitToHistory, undo: undoInHistory, redo: redoInHistory } = history;
  const commitNow = useCallback(
    (next: FlowDocument, mergeKey?: string) => {
      if (readOnly) return;
      committedRef.current = next;
      documentRef.current = next;
      commitToHistory(next, mergeKey);
    },
    [commitToHistory, readOnly],
  );
  // Large flows (issue 14): a keystroke in the inspector re-rendering the whole canvas delayed the next one by
  // 50–110 ms at 2,000 steps. Keystrokes wait in `pending` and reach the document after a pause in typing, and
  // before anything else touches it (flushed first by every command below).
  const pending = usePendingEdits((edit) => commitNow(edit.apply(committedRef.current), edit.key));
  documentRef.current = pending.applyTo(document);
  useEffect(() => pending.subscribe(() => void (documentRef.current = pending.applyTo(committedRef.current))), [pending]);
  // Keystrokes were typed on the document shown then. One replaced from outside (a save conflict resolved with
  // "take theirs", another version loaded) or a switch to read-only drops them: applied on top they would edit
  // a document the user did not type into. Scenarios arriving from a tester replace nothing the inspector edits.
  useLayoutEffect(() => pending.discard(), [pending, history.replacements, readOnly]);
  const commit = useCallback(
    (next: FlowDocument, mergeKey?: string) => {
      pending.flush();
      commitNow(next, mergeKey);
    },
    [commitNow, pending],
  );
  const undo = useCallback(() => {
    pending.flush();
    undoInHistory();
  }, [pending, undoInHistory]);
  const redo = useCallback(() => {
    pending.flush();
    redoInHistory();
  }, [pending, redoInHistory]);
  const keyboard = useCanvasKeyboard({ canvasWrapper, documentRef, selectionRef, readOnly, commit, selectNodes });
  const { focusNode } = keyboard;

  const addNodeAt = useCallback(
    (type: NodeType, position: Position) => {
      if (readOnly) return;
      const added = addNode(documentRef.current, type, position);
      commit(added.document);
      selectNodes([added.nodeId]);
      focusNode(added.nodeId);
    },
    [commit, focusNode, readOnly, selectNodes],
  );

  const addNodeInView = useCallback(
    (type: NodeType) => {
      const rect = canvasWrapper.current?.getBoundingClientRect();
      const centre = rect ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      // Nudge each new node so several clicks do not stack them exactly.
      const nudge = (documentRef.current.nodes.length % 5) * 24;
      addNodeAt(type, { x: centre.x - DEFAULT_NODE_SIZE.width / 2 + nudge, y: centre.y - DEFAULT_NODE_SIZE.height / 2 + nudge });
    },
    [addNodeAt, flow],
  );

  const deleteSelection = useCallback(
    () => commit(removeElements(documentRef.current, selectionRef.current.nodeIds, selectionRef.current.edgeIds)),
    [commit],
  );

  const copySelection = useCallback(() => {
    const content = copyNodes(documentRef.current, selectionRef.current.nodeIds);
    if (!content) return;
    editorClipboard.content = content;
    editorClipboard.pastes = 0;
  }, []);

  const paste = useCallback(() => {
    const content = editorClipboard.content;
    if (!content || readOnly) return;
    editorClipboard.pastes++;
    const pasted = pasteNodes(documentRef.current, content, PASTE_OFFSET * editorClipboard.pastes);
    commit(pasted.document);
    selectNodes(pasted.nodeIds);
  }, [commit, readOnly, selectNodes]);

  const duplicateSelectedBranch = useCallback(
    (nodeId: string) => {
      const duplicated = duplicateBranch(documentRef.current, nodeId);
      if (!duplicated || readOnly) return;
      commit(duplicated.document);
      selectNodes(duplicated.nodeIds);
    },
    [commit, readOnly, selectNodes],
  );

  const stage = useRef<HTMLDivElement>(null);
  const nextStep = useNextStepPicker({ documentRef, stageRef: stage, readOnly, commit, selectNodes });
  const templates = useTemplateInsertion({ documentRef, canvasWrapper, readOnly, commit, selectNodes });

  const showNode = useCallback(
    (nodeId: string) => {
      setView('canvas');
      selectNodes([nodeId]);
      const node = flow.getInternalNode(nodeId);
      if (!node) return;
      const width = node.measured.width ?? DEFAULT_NODE_SIZE.width;
      const height = node.measured.height ?? DEFAULT_NODE_SIZE.height;
      void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
    },
    [flow, selectNodes],
  );

  const autoLayout = useCallback(async () => {
    setLayingOut(true);
    try {
      const sizes = new Map<string, NodeSize>();
      for (const node of flow.getNodes()) {
        if (node.measured?.width && node.measured.height) sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
      }
      const laidOut = await layoutFlow(documentRef.current, sizes);
      commit(moveNodes(documentRef.current, laidOut));
      requestAnimationFrame(() => void flow.fitView({ duration: 300, padding: FIT_VIEW_PADDING, includeHiddenNodes: true }));
    } finally {
      setLayingOut(false);
    }
  }, [commit, flow]);

  // `includeHiddenNodes`: nodes of a large flow never drawn have no measured size yet, only the estimated one.
  const fitView = useCallback(() => void flow.fitView({ duration: 300, padding: FIT_VIEW_PADDING, includeHiddenNodes: true }), [flow]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (isTextEntry(event.target) || view !== 'canvas') return;
      if (onHelpKey(event)) return;
      const command = shortcutFor(event);
      if (!command) return;
      const editing = command !== 'copy' && command !== 'selectAll';
      if (editing && readOnly) return;
      event.preventDefault();
      switch (command) {
        case 'undo':
          return undo();
        case 'redo':
          return redo();
        case 'copy':
          return copySelection();
        case 'paste':
          return paste();
        case 'selectAll':
          return selectNodes(documentRef.current.nodes.map((n) => n.id));
        case 'delete':
          return deleteSelection();
      }
    },
    [copySelection, deleteSelection, onHelpKey, paste, readOnly, redo, selectNodes, undo, view],
  );

  // Small flows commit each keystroke at once (cheap, and the canvas follows the typing); large ones after a pause.
  const inspectorEdit = useCallback(
    (edit: PendingEdit) => {
      if (readOnly) return;
      if (committedRef.current.nodes.length > FIT_ALL_UP_TO) pending.add(edit);
      else commit(edit.apply(documentRef.current), edit.key);
    },
    [commit, pending, readOnly],
  );
  const changeNodeData = useCallback(
    (nodeId: string, data: unknown, fieldKey: string) => inspectorEdit({ key: `${nodeId}:${fieldKey}`, apply: (d) => updateNodeData(d, nodeId, data) }),
    [inspectorEdit],
  );
  const changeNodeLabel = useCallback((nodeId: string, label: string) => inspectorEdit({ key: `${nodeId}:label`, apply: (d) => updateNodeLabel(d, nodeId, label) }), [inspectorEdit]);
  const changeFlowSettings = useCallback((settings: FlowSettingsValue, fieldKey: string) => inspectorEdit({ key: `flow:${fieldKey}`, apply: (d) => ({ ...d, ...settings }) }), [inspectorEdit]);
  // What the inspector typed reaches the document before another step is shown there, or another view.
  useLayoutEffect(() => void pending.flush(), [pending, selection, view]);

  return (
    <CanvasTextContext.Provider value={canvasText}>
      <FlowLanguagesContext.Provider value={document.languages}>
      <div className={readOnly ? 'sb-editor is-read-only' : 'sb-editor'} onKeyDown={onKeyDown} onKeyDownCapture={keyboard.onKeyDownCapture}>
        <EditorToolbar
          view={view}
          readOnly={readOnly}
          canUndo={history.canUndo}
          pending={pending}
          canRedo={history.canRedo}
          hasSelection={selection.nodeIds.length + selection.edgeIds.length > 0}
          layingOut={layingOut}
          onViewChange={setView}
          onUndo={undo}
          onRedo={redo}
          onAutoLayout={autoLayout}
          onFitView={fitView}
          onDeleteSelection={deleteSelection}
          search={<StepSearch document={document} onShowNode={showNode} inputRef={help.searchInput} />}
        />
        <div className="sb-editor__main">
          {!readOnly && <Palette onAdd={addNodeInView} onInsertTemplate={templates.insertInView} />}
          <div className="sb-editor__centre">
            <div ref={stage} className={view === 'canvas' ? 'sb-editor__stage' : 'sb-editor__stage is-hidden'} onDragOver={templates.onDragOver} onDrop={templates.onDrop}>
              <CanvasAnalyticsContext.Provider value={analytics ?? null}>
                <FlowCanvas document={document} canvas={canvas} readOnly={readOnly} wrapperRef={canvasWrapper} onCommit={commit} onDropNode={addNodeAt} analytics={analytics} onConnectEnd={nextStep.onConnectEnd} />
              </CanvasAnalyticsContext.Provider>
              {help.helpOpen && <ShortcutHelp onClose={help.closeHelp} />}
              {nextStep.picker}
              {keyboard.dialog}
            </div>
            {codeOpened && (
              // Kept once opened: text with unfinished edits survives a look at the canvas.
              <div className={view === 'code' ? 'sb-editor__code' : 'sb-editor__code is-hidden'}>
                <CodeView document={document} readOnly={readOnly} onCommit={commit} />
              </div>
            )}
            <ValidationPanel diagnostics={diagnostics} document={document} onShowNode={showNode} />
          </div>
          <aside className="sb-editor__side">
            <ConnectStepContext.Provider value={readOnly ? null : keyboard.openConnect}>
            <Inspector
              document={document}
              selection={selection}
              diagnostics={diagnostics}
              readOnly={readOnly}
              onCommit={commit}
              pending={pending}
              onChangeNodeData={changeNodeData}
              onChangeNodeLabel={changeNodeLabel}
              onChangeFlowSettings={changeFlowSettings}
              onDeleteSelection={deleteSelection}
              onDuplicateBranch={duplicateSelectedBranch}
            />
            </ConnectStepContext.Provider>
          </aside>
        </div>
      </div>
      </FlowLanguagesContext.Provider>
    </CanvasTextContext.Provider>
  );
}
