import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** Method and URL, timeout, and which variables the answer fills. */
export const HttpRequestNode = memo(function HttpRequestNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'httpRequest'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <p className="sb-node__mono">
        {settings.method} {settings.url}
      </p>
      <SummaryRow label={t('fields.timeoutMs')}>{t('units.milliseconds', { count: settings.timeoutMs })}</SummaryRow>
      {settings.responseMapping.length > 0 && (
        <SummaryRow label={t('nodes.httpRequest.summary.stores')}>{settings.responseMapping.map((m) => m.variable).join(', ')}</SummaryRow>
      )}
    </NodeFrame>
  );
});
