import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasText } from '../canvas/canvas-text';
import type { FlowNodeOf } from '@switchboard/flows';
import { NodeFrame } from '../canvas/NodeFrame';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';
import { todaysHours } from './schedule-today';

/** The time zone and today's hours there (or today's holiday), and whether the emergency override is on. */
export const ScheduleNode = memo(function ScheduleNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'schedule'>).data;
  const today = todaysHours(settings, Date.now());
  const hours = today && today.hours.length > 0 ? today.hours.map((h) => `${h.open}–${h.close}`).join(', ') : t('nodes.schedule.summary.closedAllDay');
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <SummaryRow label={t('fields.timezone')}>{settings.timezone}</SummaryRow>
      {today && (
        <SummaryRow label={t('nodes.schedule.summary.today', { day: t(`weekdays.${today.weekday}`) })}>
          {today.holiday ? `${today.holiday}: ${hours}` : hours}
        </SummaryRow>
      )}
      {settings.holidays.length > 0 && <SummaryRow label={t('fields.holidays')}>{settings.holidays.length}</SummaryRow>}
      {settings.emergencyOverride && <p className="sb-node__warning">{t('nodes.schedule.summary.emergencyOn')}</p>}
    </NodeFrame>
  );
});
