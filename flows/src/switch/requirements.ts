import type { Prompt } from '../document/common.js';
import type { TransferDestination } from '../interpreter/effects.js';
import { assertNever } from '../util/assert-never.js';

/**
 * Something a flow needs the switch to have for one of its nodes to work. Node modules declare these from their
 * compiled configuration (`NodeDefinition.requirements`); `modules.ts` turns each into FreeSWITCH module names
 * with the deployment's settings, and `capabilities.ts` compares them with what a switch reported.
 */
export type SwitchRequirement =
  /** A mod_callcenter queue the switch must know by this name (`support@default`). */
  | { readonly kind: 'queue'; readonly queue: string }
  /** mod_voicemail's `voicemail` application. */
  | { readonly kind: 'voicemail' }
  /** Text-to-speech (`speak` and `say:` prompts) with the deployment's engine, mod_flite by default. */
  | { readonly kind: 'textToSpeech' }
  /** An audio file or stream played to the caller (`local_stream://moh`, `/sounds/welcome.wav`, `tone_stream://…`). */
  | { readonly kind: 'audio'; readonly file: string }
  /** A bridge to a destination of this type, through the deployment's dial string for it. */
  | { readonly kind: 'transfer'; readonly destination: TransferDestination['type'] }
  /** A callback placed later by the runtime's dialer (originate through its dial string into a queue). */
  | { readonly kind: 'callback' };

export type SwitchRequirementKind = SwitchRequirement['kind'];

/** What playing `prompt` needs: its audio file when it has one (played instead of the text), else text-to-speech. */
export function promptRequirements(prompt: Prompt | null | undefined): SwitchRequirement[] {
  if (!prompt) return [];
  if (prompt.audio !== undefined) return [{ kind: 'audio', file: prompt.audio }];
  return Object.values(prompt.text).some((text) => text.trim() !== '') ? [{ kind: 'textToSpeech' }] : [];
}

/** What playing any of `prompts` needs (each need once). */
export function promptsRequirements(prompts: ReadonlyArray<Prompt | null | undefined>): SwitchRequirement[] {
  return uniqueRequirements(prompts.flatMap(promptRequirements));
}

/** Drops repeated requirements, keeping the first of each. */
export function uniqueRequirements(requirements: readonly SwitchRequirement[]): SwitchRequirement[] {
  const seen = new Set<string>();
  return requirements.filter((requirement) => {
    const key = JSON.stringify(requirement);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A short English description of a requirement, for logs ("queue support@default", "text-to-speech"). */
export function describeRequirement(requirement: SwitchRequirement): string {
  switch (requirement.kind) {
    case 'queue':
      return `queue ${requirement.queue}`;
    case 'voicemail':
      return 'voicemail';
    case 'textToSpeech':
      return 'text-to-speech';
    case 'audio':
      return `audio ${requirement.file}`;
    case 'transfer':
      return `transfer to a ${requirement.destination}`;
    case 'callback':
      return 'callback';
    default:
      return assertNever(requirement, 'switch requirement');
  }
}
