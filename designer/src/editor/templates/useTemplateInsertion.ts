import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument } from '@switchboard/flows';
import { DEFAULT_NODE_SIZE } from '../state/auto-layout';
import type { Position } from '../state/document-edits';
import { insertTemplate } from './insert-template';
import { templateById } from './registry';
import { TEMPLATE_DRAG_TYPE } from './template-drag';
import type { FlowTemplate } from './template';

interface TemplateInsertionOptions {
  documentRef: RefObject<FlowDocument>;
  canvasWrapper: RefObject<HTMLElement | null>;
  readOnly: boolean;
  commit(document: FlowDocument): void;
  selectNodes(nodeIds: string[]): void;
}

/** The template's size on the canvas, from its steps' places and the usual step size. */
function extentOf(template: FlowTemplate): { width: number; height: number } {
  const xs = template.steps.map((s) => s.position.x);
  const ys = template.steps.map((s) => s.position.y);
  return { width: Math.max(...xs) + DEFAULT_NODE_SIZE.width, height: Math.max(...ys) + DEFAULT_NODE_SIZE.height };
}

/**
 * Inserting templates: in the middle of the view (palette click) or where one is dropped (its entry step at the
 * drop point). The inserted steps are selected; one undo step removes them all.
 */
export function useTemplateInsertion({ documentRef, canvasWrapper, readOnly, commit, selectNodes }: TemplateInsertionOptions) {
  const { t, i18n } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();

  const insertAt = useCallback(
    (template: FlowTemplate, topLeft: Position) => {
      if (readOnly) return;
      const inserted = insertTemplate(documentRef.current, template, topLeft, { t, uiLanguage: i18n.language });
      commit(inserted.document);
      selectNodes(inserted.nodeIds);
    },
    [commit, documentRef, i18n.language, readOnly, selectNodes, t],
  );

  const insertInView = useCallback(
    (templateId: string) => {
      const template = templateById(templateId);
      if (!template) return;
      const rect = canvasWrapper.current?.getBoundingClientRect();
      const centre = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      const extent = extentOf(template);
      insertAt(template, { x: centre.x - extent.width / 2, y: centre.y - extent.height / 2 });
    },
    [canvasWrapper, insertAt, screenToFlowPosition],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(TEMPLATE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const template = templateById(event.dataTransfer.getData(TEMPLATE_DRAG_TYPE));
      if (!template) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const entry = template.steps.find((s) => s.key === template.entry)?.position ?? { x: 0, y: 0 };
      insertAt(template, { x: at.x - entry.x, y: at.y - entry.y - DEFAULT_NODE_SIZE.height / 2 });
    },
    [insertAt, screenToFlowPosition],
  );

  return { insertInView, onDragOver, onDrop };
}
