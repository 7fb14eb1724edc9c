import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { PromptLine } from '../canvas/PromptLine';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** How many digits are asked for, and where they are stored. */
export const CollectDigitsNode = memo(function CollectDigitsNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'collectDigits'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <PromptLine prompt={settings.prompt} />
      <SummaryRow label={t('nodes.collectDigits.summary.digits')}>
        {settings.minDigits === settings.maxDigits ? settings.minDigits : `${settings.minDigits}–${settings.maxDigits}`}
      </SummaryRow>
      <SummaryRow label={t('fields.variable')}>{settings.variable ?? t('nodes.collectDigits.summary.notStored')}</SummaryRow>
    </NodeFrame>
  );
});
