import { z } from 'zod';
import { OptionalPromptSchema, type Prompt } from '../document/common.js';
import type { Effect } from '../interpreter/effects.js';
import { defineNode, type NodeOutcome } from './types.js';
import { promptRequirements } from '../switch/requirements.js';
import { because } from '../interpreter/reasons.js';

export const HangupDataSchema = z.object({
  /** Optional goodbye played before hanging up. */
  goodbye: OptionalPromptSchema,
  cause: z.enum(['NORMAL_CLEARING', 'CALL_REJECTED', 'USER_BUSY']).default('NORMAL_CLEARING'),
});
export type HangupData = z.infer<typeof HangupDataSchema>;

interface HangupConfig {
  goodbye: Prompt | null;
  cause: HangupData['cause'];
}

function hangUp(config: HangupConfig): NodeOutcome {
  const effects: Effect[] = [{ kind: 'hangup', cause: config.cause, reason: 'hangup node' }];
  // CALL_REJECTED / USER_BUSY turn the caller away (a blocked number): not a served call.
  if (config.cause !== 'NORMAL_CLEARING') return { kind: 'end', effects, outcome: 'rejected', ...because('hangup.rejected', { cause: config.cause }) };
  return { kind: 'end', effects, outcome: 'selfServed', ...because('hangup.ended') };
}

/** Ends the call, optionally after a goodbye message. */
export const hangupNode = defineNode({
  type: 'hangup',
  title: 'Hang up',
  description: 'Ends the call, optionally after a goodbye message.',
  category: 'end',
  dataSchema: HangupDataSchema,
  defaults: () => ({ cause: 'NORMAL_CLEARING' as const }),
  outlets: () => [],
  callerFacing: true,
  waitsForCaller: false,
  requirements: (config: HangupConfig) => promptRequirements(config.goodbye),
  compile: (data, ctx): HangupConfig => {
    if (data.goodbye) ctx.checkPrompt(data.goodbye, 'goodbye', { required: true });
    return { goodbye: data.goodbye ?? null, cause: data.cause };
  },
  enter: (node, ctx) => {
    const goodbye = node.config.goodbye;
    if (!goodbye) return hangUp(node.config);
    return { kind: 'wait', effects: [{ kind: 'play', prompt: ctx.resolvePrompt(goodbye), bargeIn: false }], local: null };
  },
  resume: (node, _local, event) =>
    event.type === 'promptFinished' || event.type === 'effectFailed' ? hangUp(node.config) : { kind: 'ignore' },
});
