import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import type { CanvasNode } from '../state/canvas-mapping';

/** Where calls enter; says whether the call is answered at once. */
export const StartNode = memo(function StartNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'start'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <p className="sb-node__note">{settings.answer ? t('nodes.start.summary.answers') : t('nodes.start.summary.earlyMedia')}</p>
    </NodeFrame>
  );
});
