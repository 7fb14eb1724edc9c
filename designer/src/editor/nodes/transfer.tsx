import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** Where the call goes and how long it rings. */
export const TransferNode = memo(function TransferNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'transfer'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <SummaryRow label={t(`options.transfer.type.${settings.destination.type}`)}>
        <span className="sb-node__mono">{settings.destination.value || '—'}</span>
      </SummaryRow>
      <SummaryRow label={t('nodes.transfer.summary.rings')}>{t('units.seconds', { count: settings.timeoutSeconds })}</SummaryRow>
    </NodeFrame>
  );
});
