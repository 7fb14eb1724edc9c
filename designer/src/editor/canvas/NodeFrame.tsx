import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useCanvasText } from './canvas-text';
import { nodeDefinition } from '@switchboard/flows';
import { TARGET_HANDLE, type CanvasNodeData } from '../state/canvas-mapping';
import { IssueBadge } from './IssueBadge';
import { OutletHandles } from './OutletHandles';

interface NodeFrameProps {
  data: CanvasNodeData;
  selected: boolean;
  connectable: boolean;
  children?: ReactNode;
}

/** The shared look of every canvas node: title, issue badge, highlight, inlet and labelled outlets. */
export function NodeFrame({ data, selected, connectable, children }: NodeFrameProps) {
  const t = useCanvasText();
  const { node, issues, highlight } = data;
  const category = nodeDefinition(node.type)?.category ?? 'routing';
  const classes = ['sb-node', `sb-node--${category}`];
  if (selected) classes.push('is-selected');
  if (highlight) classes.push(`sb-highlight--${highlight}`);
  if (issues?.errors) classes.push('has-errors');
  else if (issues?.warnings) classes.push('has-warnings');
  const typeTitle = t(`nodes.${node.type}.title`);
  return (
    <div className={classes.join(' ')} data-testid={`node-${node.id}`}>
      {node.type !== 'start' && <Handle type="target" position={Position.Left} id={TARGET_HANDLE} isConnectable={connectable} className="sb-handle sb-handle--target" />}
      <header className="sb-node__header">
        <span className="sb-node__title">{node.label ?? typeTitle}</span>
        {node.label && <span className="sb-node__type">{typeTitle}</span>}
        {highlight && <span className={`sb-node__highlight sb-node__highlight--${highlight}`}>{t(`canvas.highlight.${highlight}`)}</span>}
        <IssueBadge issues={issues} />
      </header>
      {children && <div className="sb-node__body">{children}</div>}
      <OutletHandles node={node} connectable={connectable} />
    </div>
  );
}
