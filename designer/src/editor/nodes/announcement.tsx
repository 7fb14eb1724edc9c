import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { PromptLine } from '../canvas/PromptLine';
import type { CanvasNode } from '../state/canvas-mapping';

/** Shows the message and whether a key press skips it. */
export const AnnouncementNode = memo(function AnnouncementNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'announcement'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <PromptLine prompt={settings.prompt} />
      {settings.bargeIn && <span className="sb-tag">{t('nodes.announcement.summary.bargeIn')}</span>}
    </NodeFrame>
  );
});
