import { z } from 'zod';
import { OptionalPromptSchema, type Prompt } from '../document/common.js';
import type { Effect } from '../interpreter/effects.js';
import { defineNode, type NodeOutcome, type RuntimeNode } from './types.js';
import { promptRequirements, uniqueRequirements } from '../switch/requirements.js';
import { because, type Because } from '../interpreter/reasons.js';

export const VoicemailDataSchema = z.object({
  /** The FreeSWITCH voicemail box (mod_voicemail id), e.g. `1000` or `support`. */
  mailbox: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be a mailbox id such as 1000 or support'),
  /** Voicemail domain; the switch's default domain when absent. */
  domain: z
    .string()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, 'must be a domain name such as default or pbx.example.com')
    .optional(),
  /** Played instead of the mailbox's own greeting. */
  greeting: OptionalPromptSchema,
});
export type VoicemailData = z.infer<typeof VoicemailDataSchema>;

interface VoicemailConfig {
  mailbox: string;
  domain: string | null;
  greeting: Prompt | null;
}

function ended(why: Because, hangup: boolean): NodeOutcome {
  const effects: Effect[] = hangup ? [{ kind: 'hangup', cause: 'NORMAL_CLEARING', reason: 'voicemail finished' }] : [];
  return { kind: 'end', effects, outcome: 'voicemail', ...why };
}

function failed(node: RuntimeNode<VoicemailConfig>): NodeOutcome {
  if (node.next['failed'] != null) return { kind: 'next', outlet: 'failed' };
  return {
    kind: 'end',
    effects: [{ kind: 'hangup', cause: 'NORMAL_TEMPORARY_FAILURE', reason: 'voicemail not available' }],
    outcome: 'error',
    ...because('voicemail.notStarted'),
  };
}

/**
 * Lets the caller leave a message in a mailbox, then ends the call. If the switch cannot run voicemail, the
 * optional `failed` outlet is taken (or the call ends with an error).
 */
export const voicemailNode = defineNode({
  type: 'voicemail',
  title: 'Voicemail',
  description: 'Lets the caller leave a message, then ends the call.',
  category: 'end',
  dataSchema: VoicemailDataSchema,
  defaults: (): VoicemailData => ({ mailbox: '1000' }),
  outlets: () => [{ name: 'failed', label: 'Failed', optional: true }],
  callerFacing: true,
  waitsForCaller: true,
  requirements: (config: VoicemailConfig) => uniqueRequirements([{ kind: 'voicemail' }, ...promptRequirements(config.greeting)]),
  compile: (data, ctx): VoicemailConfig => {
    if (data.greeting) ctx.checkPrompt(data.greeting, 'greeting', { required: true });
    return { mailbox: data.mailbox, domain: data.domain ?? null, greeting: data.greeting ?? null };
  },
  enter: (node, ctx) => ({
    kind: 'wait',
    effects: [{ kind: 'voicemail', mailbox: node.config.mailbox, domain: node.config.domain, greeting: node.config.greeting ? ctx.resolvePrompt(node.config.greeting) : null }],
    local: null,
  }),
  resume: (node, _local, event) => {
    switch (event.type) {
      case 'voicemailFinished':
        return ended(because('voicemail.recorded'), true);
      case 'hangup':
        // Hanging up is how most callers finish a voicemail message: it is still a voicemail call.
        return ended(because('end.hungUpInVoicemail'), false);
      case 'effectFailed':
        return failed(node);
      default:
        return { kind: 'ignore' };
    }
  },
});
