import type { ResolvedPrompt } from './effects.js';
import type { CallIncident } from './events.js';

/**
 * The call flag an incident override in `emergency` mode sets on a new call: every schedule node honours it and
 * takes its `emergency` outlet, whatever its own `emergencyFlag` is called. `$` keeps it apart from the flags a
 * flow names itself (node keys cannot start with `$`).
 */
export const INCIDENT_EMERGENCY_FLAG = '$incident';

/** `pending.nodeId` while the incident announcement plays, before the flow's entry node. */
export const INCIDENT_ANNOUNCEMENT = '$incident-announcement';

/**
 * The announcement for a call: the call's language, else the flow's first language, else the first one given.
 * Audio wins over text, as in prompts. Null when the incident has nothing to say.
 */
export function incidentAnnouncement(incident: CallIncident, language: string, flowLanguages: readonly string[]): ResolvedPrompt | null {
  if (incident.mode !== 'announce' || !incident.announcement) return null;
  const texts = incident.announcement;
  const chosen = [language, flowLanguages[0], ...Object.keys(texts)].find((lang) => {
    if (lang === undefined) return false;
    const entry = texts[lang];
    return entry !== undefined && ((entry.audio ?? '') !== '' || (entry.text ?? '').trim() !== '');
  });
  if (chosen === undefined) return null;
  const entry = texts[chosen] as { text?: string; audio?: string };
  return entry.audio ? { language: chosen, audio: entry.audio } : { language: chosen, text: entry.text as string };
}
