import type { NodeProps, NodeTypes } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { NodeType } from '@switchboard/flows';
import { AnnouncementNode } from '../nodes/announcement';
import { CallbackNode } from '../nodes/callback';
import { CallerRoutingNode } from '../nodes/callerRouting';
import { CollectDigitsNode } from '../nodes/collectDigits';
import { ConditionNode } from '../nodes/condition';
import { HangupNode } from '../nodes/hangup';
import { HttpRequestNode } from '../nodes/httpRequest';
import { MenuNode } from '../nodes/menu';
import { QueueNode } from '../nodes/queue';
import { ReturnNode } from '../nodes/return';
import { ScheduleNode } from '../nodes/schedule';
import { SetVariableNode } from '../nodes/setVariable';
import { SplitNode } from '../nodes/split';
import { StartNode } from '../nodes/start';
import { SubflowNode } from '../nodes/subflow';
import { SurveyNode } from '../nodes/survey';
import { TransferNode } from '../nodes/transfer';
import { VoicemailNode } from '../nodes/voicemail';
import type { CanvasNode } from '../state/canvas-mapping';

/**
 * One canvas component per node type, defined once at module level: React Flow re-mounts every node when
 * this object changes identity, so it must never be rebuilt per render.
 */
export const nodeTypes = {
  start: StartNode,
  schedule: ScheduleNode,
  callerRouting: CallerRoutingNode,
  split: SplitNode,
  announcement: AnnouncementNode,
  menu: MenuNode,
  hangup: HangupNode,
  condition: ConditionNode,
  setVariable: SetVariableNode,
  httpRequest: HttpRequestNode,
  collectDigits: CollectDigitsNode,
  subflow: SubflowNode,
  return: ReturnNode,
  queue: QueueNode,
  callback: CallbackNode,
  transfer: TransferNode,
  voicemail: VoicemailNode,
  survey: SurveyNode,
} satisfies Record<NodeType, ComponentType<NodeProps<CanvasNode>>> as NodeTypes;
