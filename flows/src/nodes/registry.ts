import { announcementNode } from './announcement.js';
import { hangupNode } from './hangup.js';
import { menuNode } from './menu.js';
import { startNode } from './start.js';
import { conditionNode } from './condition.js';
import { setVariableNode } from './setVariable.js';
import { httpRequestNode } from './httpRequest.js';
import { collectDigitsNode } from './collectDigits.js';
import { subflowNode } from './subflow.js';
import { returnNode } from './return.js';
import { queueNode } from './queue.js';
import { callbackNode } from './callback.js';
import { transferNode } from './transfer.js';
import { voicemailNode } from './voicemail.js';
import { scheduleNode } from './schedule.js';
import { callerRoutingNode } from './callerRouting.js';
import { splitNode } from './split.js';
import { surveyNode } from './survey.js';
import type { AnyNodeDefinition } from './types.js';

/**
 * Every node type Switchboard knows. Adding a node type = one module + one line here + one canvas component.
 * The document schema, palette, compiler and interpreter are derived from this object.
 */
export const nodeRegistry = {
  start: startNode,
  schedule: scheduleNode,
  callerRouting: callerRoutingNode,
  split: splitNode,
  announcement: announcementNode,
  menu: menuNode,
  hangup: hangupNode,
  condition: conditionNode,
  setVariable: setVariableNode,
  httpRequest: httpRequestNode,
  collectDigits: collectDigitsNode,
  subflow: subflowNode,
  return: returnNode,
  queue: queueNode,
  callback: callbackNode,
  transfer: transferNode,
  voicemail: voicemailNode,
  survey: surveyNode,
} satisfies Record<string, AnyNodeDefinition>;

export type NodeRegistry = typeof nodeRegistry;
export type NodeType = keyof NodeRegistry;

export const NODE_TYPES = Object.keys(nodeRegistry) as NodeType[];

/** The definition of a node type, or undefined for a type this version does not know. */
export function nodeDefinition(type: string): AnyNodeDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(nodeRegistry, type) ? (nodeRegistry as Record<string, AnyNodeDefinition>)[type] : undefined;
}
