import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** Which queue calls back, whether the caller keeps their place, and the callback window. */
export const CallbackNode = memo(function CallbackNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'callback'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <SummaryRow label={t('fields.queue')}>{settings.queue || t('nodes.callback.summary.lastQueue')}</SummaryRow>
      {settings.keepPlace && <span className="sb-tag">{t('nodes.callback.summary.keepsPlace')}</span>}
      <SummaryRow label={t('fields.window')}>
        {settings.window
          ? `${settings.window.days.map((day) => t(`weekdaysShort.${day}`)).join(' ')} ${settings.window.start}–${settings.window.end}`
          : t('nodes.callback.summary.anyTime')}
      </SummaryRow>
    </NodeFrame>
  );
});
