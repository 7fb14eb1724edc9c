import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { PromptLine } from '../canvas/PromptLine';
import type { CanvasNode } from '../state/canvas-mapping';

/** The goodbye message, and the hang-up cause when it is not a normal goodbye. */
export const HangupNode = memo(function HangupNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'hangup'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <PromptLine prompt={settings.goodbye} />
      {settings.cause !== 'NORMAL_CLEARING' && <span className="sb-tag">{t(`options.cause.${settings.cause}`)}</span>}
    </NodeFrame>
  );
});
