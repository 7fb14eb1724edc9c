import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** The outcome handed back to the calling flow. */
export const ReturnNode = memo(function ReturnNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'return'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <SummaryRow label={t('fields.outcome')}>{settings.outcome}</SummaryRow>
    </NodeFrame>
  );
});
