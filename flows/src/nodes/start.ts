import { z } from 'zod';
import { defineNode } from './types.js';

export const StartDataSchema = z.object({
  /** Answer the call on entry. Turn off only to play early media before answering. */
  answer: z.boolean().default(true),
});
export type StartData = z.infer<typeof StartDataSchema>;

/**
 * Where every call enters the flow. Exposes the caller's number (`caller`), the dialled number (`dialled`),
 * the language and the channel's variables (`channel.NAME`) to the rest of the flow.
 */
export const startNode = defineNode({
  type: 'start',
  title: 'Start',
  description: 'Where calls enter. Caller number, dialled number and channel variables are available from here on.',
  category: 'entry',
  dataSchema: StartDataSchema,
  defaults: () => ({ answer: true }),
  outlets: () => [{ name: 'next', label: 'Next' }],
  callerFacing: false,
  waitsForCaller: false,
  requirements: () => [],
  compile: (data) => ({ answer: data.answer }),
  enter: (node) => ({ kind: 'next', outlet: 'next', effects: node.config.answer ? [{ kind: 'answer' }] : [] }),
});
