import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNodeOf } from '@switchboard/flows';
import { useCanvasText } from '../canvas/canvas-text';
import { NodeFrame } from '../canvas/NodeFrame';
import { PromptLine } from '../canvas/PromptLine';
import { SummaryRow } from '../canvas/SummaryRow';
import type { CanvasNode } from '../state/canvas-mapping';

/** The survey's question, and how many questions it asks. */
export const SurveyNode = memo(function SurveyNode({ data, selected, isConnectable }: NodeProps<CanvasNode>) {
  const t = useCanvasText();
  const settings = (data.node as FlowNodeOf<'survey'>).data;
  return (
    <NodeFrame data={data} selected={selected} connectable={isConnectable}>
      <PromptLine prompt={settings.question} />
      <SummaryRow label={t('nodes.survey.summary.scale')}>{t('nodes.survey.summary.questions', { count: settings.secondQuestion ? 2 : 1 })}</SummaryRow>
    </NodeFrame>
  );
});
