import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** Queue name, priority and skills, the overflow thresholds, and the callback / leave keys. */
export const QueueNode = memo(function QueueNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'queue'>).data;
  const overflow = settings.overflow;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <p className="sb-node__mono">{settings.queue || t('nodes.queue.summary.noQueue')}</p>
      {settings.priority > 0 && <SummaryRow label={t('fields.priority')}>{settings.priority}</SummaryRow>}
      {settings.skills.length > 0 && <SummaryRow label={t('fields.skills')}>{settings.skills.join(', ')}</SummaryRow>}
      <SummaryRow label={t('nodes.queue.summary.overflowAfter')}>
        {overflow.maxWaitSeconds !== undefined ? t('units.seconds', { count: overflow.maxWaitSeconds }) : t('nodes.queue.summary.never')}
      </SummaryRow>
      {overflow.maxCallersWaiting !== undefined && (
        <SummaryRow label={t('nodes.queue.summary.overflowWhenWaiting')}>{t('nodes.queue.summary.callers', { count: overflow.maxCallersWaiting })}</SummaryRow>
      )}
      {overflow.whenNoAgents && <span className="sb-tag">{t('nodes.queue.summary.noAgentsRoute')}</span>}
      {settings.callbackKey !== undefined && <SummaryRow label={t('fields.callbackKey')}>{settings.callbackKey}</SummaryRow>}
      {settings.leaveKey !== undefined && <SummaryRow label={t('fields.leaveKey')}>{settings.leaveKey}</SummaryRow>}
    </NodeFrame>
  );
});
