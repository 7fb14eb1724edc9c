import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useCanvasText } from './canvas-text';
import { nodeDefinition } from '@switchboard/flows';
import { TARGET_HANDLE, type CanvasNodeData } from '../state/canvas-mapping';
import { useNodeFigures } from './canvas-analytics';
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
  const figures = useNodeFigures(node.id);
  const category = nodeDefinition(node.type)?.category ?? 'routing';
  const classes = ['sb-node', `sb-node--${category}`];
  if (selected) classes.push('is-selected');
  if (highlight) classes.push(`sb-highlight--${highlight}`);
  if (issues?.errors) classes.push('has-errors');
  else if (issues?.warnings) classes.push('has-warnings');
  const typeTitle = t(`nodes.${node.type}.title`);
  return (
    <div className={classes.join(' ')} data-testid={`node-${node.id}`}>
      {node.type !== 'start' && <Handle type="target" position={Position.Left} id={TARGET_HANDLE} isConnectable={connectable} className="sb-handle sb-handle--target" aria-hidden="true" />}
      <header className="sb-node__header">
        <span className="sb-node__title">{node.label ?? typeTitle}</span>
        {node.label && <span className="sb-node__type">{typeTitle}</span>}
        {highlight && <span className={`sb-node__highlight sb-node__highlight--${highlight}`}>{t(`canvas.highlight.${highlight}`)}</span>}
        <IssueBadge issues={issues} />
      </header>
      {figures && (
        <div className="sb-node__figures" data-testid="node-figures">
          <span data-testid="node-entered">{t('canvas.analytics.entered', { count: figures.entered })}</span>
          {figures.hungUpHere > 0 && (
            <span className="sb-node__hung-up" data-testid="node-hung-up">
              {t('canvas.analytics.hungUp', { count: figures.hungUpHere, share: figures.entered > 0 ? Math.round((100 * figures.hungUpHere) / figures.entered) : 0 })}
            </span>
          )}
        </div>
      )}
      {children && <div className="sb-node__body">{children}</div>}
      <OutletHandles node={node} connectable={connectable} />
    </div>
  );
}
