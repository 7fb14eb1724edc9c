import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import type { CanvasNode } from '../state/canvas-mapping';

/** The share of calls per branch as a bar; the branches are the outlets below. */
export const SplitNode = memo(function SplitNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'split'>).data;
  const total = settings.branches.reduce((sum, branch) => sum + branch.percent, 0);
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <div className="sb-split-bar" role="img" aria-label={t('nodes.split.summary.total', { total })}>
        {settings.branches.map((branch, index) => (
          <span key={index} className={`sb-split-bar__part sb-split-bar__part--${index % 4}`} style={{ flexGrow: branch.percent }} />
        ))}
      </div>
      {total !== 100 && <p className="sb-node__warning">{t('nodes.split.summary.total', { total })}</p>}
    </NodeFrame>
  );
});
