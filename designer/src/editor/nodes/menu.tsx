import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { PromptLine } from '../canvas/PromptLine';
import type { CanvasNode } from '../state/canvas-mapping';

/** The menu prompt, timeout and retries; its digits are the labelled outlets below. */
export const MenuNode = memo(function MenuNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'menu'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <PromptLine prompt={settings.prompt} />
      <p className="sb-node__note">{t('nodes.menu.summary.waits', { seconds: settings.timeoutSeconds, count: settings.maxRetries })}</p>
    </NodeFrame>
  );
});
