import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import type { CanvasNode } from '../state/canvas-mapping';

/** Each branch's expression, in the order they are tried; the branches are the outlets below. */
export const ConditionNode = memo(function ConditionNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const settings = (data.node as FlowNodeOf<'condition'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <ol className="sb-node__list">
        {settings.branches.map((branch, index) => (
          <li key={index}>
            <code>{branch.expression}</code>
          </li>
        ))}
      </ol>
    </NodeFrame>
  );
});
