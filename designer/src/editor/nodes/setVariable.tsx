import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import type { CanvasNode } from '../state/canvas-mapping';

/** The assignments, `name = expression`. */
export const SetVariableNode = memo(function SetVariableNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'setVariable'>).data;
  if (settings.assignments.length === 0) {
    return (
      <NodeFrame data={data} selected={selected} connectable={isConnectable}>
        <p className="sb-node__note">{t('nodes.setVariable.summary.none')}</p>
      </NodeFrame>
    );
  }
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <ul className="sb-node__list">
        {settings.assignments.map((assignment, index) => (
          <li key={index}>
            <code>
              {assignment.variable} = {assignment.expression}
            </code>
          </li>
        ))}
      </ul>
    </NodeFrame>
  );
});
