import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** What is matched, and how many numbers and prefixes each list holds; the lists are the outlets below. */
export const CallerRoutingNode = memo(function CallerRoutingNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'callerRouting'>).data;
  const matched = settings.matchOn === 'channel' ? `${t('options.matchOn.channel')} ${settings.channelVariable ?? ''}` : t(`options.matchOn.${settings.matchOn}`);
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <SummaryRow label={t('fields.matchOn')}>{matched}</SummaryRow>
      {settings.lists.map((list) => (
        <SummaryRow key={list.key} label={list.label}>
          {t('nodes.callerRouting.summary.entries', { numbers: list.numbers.length, prefixes: list.prefixes.length })}
        </SummaryRow>
      ))}
    </NodeFrame>
  );
});
