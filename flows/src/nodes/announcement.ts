import { z } from 'zod';
import { PromptSchema, type Prompt } from '../document/common.js';
import { defineNode } from './types.js';
import { promptRequirements } from '../switch/requirements.js';

export const AnnouncementDataSchema = z.object({
  prompt: PromptSchema,
  /** Let a key press skip the rest of the message. */
  bargeIn: z.boolean().default(false),
});
export type AnnouncementData = z.infer<typeof AnnouncementDataSchema>;

interface AnnouncementConfig {
  prompt: Prompt;
  bargeIn: boolean;
}

/** Plays a message (text-to-speech per language or a recording), then continues. */
export const announcementNode = defineNode({
  type: 'announcement',
  title: 'Announcement',
  description: 'Plays a message to the caller, then moves on.',
  category: 'caller',
  dataSchema: AnnouncementDataSchema,
  defaults: () => ({ prompt: { text: { en: 'Thank you for calling.' } }, bargeIn: false }),
  outlets: () => [{ name: 'next', label: 'Next' }],
  callerFacing: true,
  waitsForCaller: false,
  requirements: (config: AnnouncementConfig) => promptRequirements(config.prompt),
  compile: (data, ctx): AnnouncementConfig => {
    ctx.checkPrompt(data.prompt, 'prompt', { required: true });
    return { prompt: data.prompt, bargeIn: data.bargeIn };
  },
  enter: (node, ctx) => ({
    kind: 'wait',
    effects: [{ kind: 'play', prompt: ctx.resolvePrompt(node.config.prompt), bargeIn: node.config.bargeIn }],
    local: null,
  }),
  resume: (node, _local, event) => {
    switch (event.type) {
      case 'promptFinished':
      case 'effectFailed':
        // A prompt that cannot be played must not strand the caller: carry on with the flow.
        return { kind: 'next', outlet: 'next' };
      case 'digits':
        return node.config.bargeIn ? { kind: 'next', outlet: 'next' } : { kind: 'ignore' };
      default:
        return { kind: 'ignore' };
    }
  },
});
