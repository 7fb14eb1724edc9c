import { useReactFlow, type OnConnectEnd } from '@xyflow/react';
import { useCallback, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument } from '@switchboard/flows';
import { outletLabel } from '../canvas/outlet-label';
import { DEFAULT_NODE_SIZE } from '../state/auto-layout';
import { outletsOf, type Position } from '../state/document-edits';
import { addConnectedStep, addConnectedTemplate, type DraggedOutlet, type NextStepChoice } from './next-step';
import { NextStepPicker } from './NextStepPicker';

/** The picker stays this far inside the stage's edges, so a drop near the border does not hide it. */
const PICKER_SIZE = { width: 280, height: 340 };

interface PendingStep {
  from: DraggedOutlet;
  fromText: string;
  /** Where the new step goes, in flow coordinates. */
  at: Position;
  /** Where the picker opens, in pixels inside the stage. */
  left: number;
  top: number;
}

interface NextStepPickerOptions {
  documentRef: RefObject<FlowDocument>;
  stageRef: RefObject<HTMLElement | null>;
  readOnly: boolean;
  commit(document: FlowDocument): void;
  selectNodes(nodeIds: string[]): void;
}

/**
 * A connection dragged from an outlet and dropped on empty canvas opens a picker there; the chosen step is
 * added at that point, already connected (one undo step). Returns the handler for React Flow and the picker.
 */
export function useNextStepPicker({ documentRef, stageRef, readOnly, commit, selectNodes }: NextStepPickerOptions): { onConnectEnd: OnConnectEnd; picker: ReactNode } {
  const { t, i18n } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();
  const [pending, setPending] = useState<PendingStep | null>(null);

  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, state) => {
      if (readOnly || state.toHandle || !state.fromNode || state.fromHandle?.type !== 'source' || !state.fromHandle.id) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('.react-flow__node')) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const stage = stageRef.current?.getBoundingClientRect();
      if (!point || !stage) return;
      const node = documentRef.current.nodes.find((n) => n.id === state.fromNode?.id);
      const outlet = node && outletsOf(node).find((o) => o.name === state.fromHandle?.id);
      if (!node || !outlet) return;
      const fromText = t('building.nextStep.from', { from: node.label ?? t(`nodes.${node.type}.title`), outlet: outletLabel(t, node.type, outlet) });
      setPending({
        from: { source: node.id, sourceOutlet: outlet.name },
        fromText,
        at: screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        left: Math.max(0, Math.min(point.clientX - stage.left, stage.width - PICKER_SIZE.width)),
        top: Math.max(0, Math.min(point.clientY - stage.top, stage.height - PICKER_SIZE.height)),
      });
    },
    [documentRef, readOnly, screenToFlowPosition, stageRef, t],
  );

  const cancel = useCallback(() => setPending(null), []);
  const pick = useCallback(
    (choice: NextStepChoice) => {
      if (!pending) return;
      setPending(null);
      if (choice.kind === 'template') {
        const added = addConnectedTemplate(documentRef.current, choice.template, pending.at, pending.from, DEFAULT_NODE_SIZE.height, { t, uiLanguage: i18n.language });
        commit(added.document);
        // Its entry step selected: its settings are what the flow needs next (the palette selects the whole group).
        selectNodes([added.entryId]);
        return;
      }
      const added = addConnectedStep(documentRef.current, choice.type, pending.at, pending.from, DEFAULT_NODE_SIZE.height);
      commit(added.document);
      selectNodes([added.nodeId]);
    },
    [commit, documentRef, i18n.language, pending, selectNodes, t],
  );

  const picker = pending ? <NextStepPicker left={pending.left} top={pending.top} from={pending.fromText} onPick={pick} onCancel={cancel} /> : null;
  return { onConnectEnd, picker };
}
