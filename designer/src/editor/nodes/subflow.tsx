import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** The flow it runs; its outcomes are the outlets below. */
export const SubflowNode = memo(function SubflowNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'subflow'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <SummaryRow label={t('fields.flow')}>{settings.flow}</SummaryRow>
    </NodeFrame>
  );
});
