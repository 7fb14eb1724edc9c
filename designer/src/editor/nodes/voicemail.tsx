import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { PromptLine } from '../canvas/PromptLine';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** The mailbox the message goes to. */
export const VoicemailNode = memo(function VoicemailNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'voicemail'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <SummaryRow label={t('fields.mailbox')}>
        <span className="sb-node__mono">{settings.domain ? `${settings.mailbox}@${settings.domain}` : settings.mailbox}</span>
      </SummaryRow>
      <PromptLine prompt={settings.greeting} />
    </NodeFrame>
  );
});
