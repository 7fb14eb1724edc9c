import type { FlowDocument } from '@switchboard/flows';
import type { TFunction } from 'i18next';
import { stepName, type StepName } from '../names/describe-place';

/** A step that matches a search, and on what: its canvas name, something it says, or its id. */
export interface StepMatch {
  step: StepName;
  on: 'name' | 'prompt' | 'id';
  /** The matching text (a prompt's words around the match), to show under the name. */
  excerpt: string;
}

const EXCERPT = 60;

/** Every prompt text in a step's settings: any `text` record of strings, in any language. */
function promptTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) promptTexts(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'text' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        for (const text of Object.values(child)) if (typeof text === 'string' && text.trim() !== '') out.push(text);
      } else promptTexts(child, out);
    }
  }
  return out;
}

/** The words around a match, at most {@link EXCERPT} characters. */
function around(text: string, at: number): string {
  if (text.length <= EXCERPT) return text;
  const start = Math.max(0, Math.min(at - 20, text.length - EXCERPT));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + EXCERPT)}${start + EXCERPT < text.length ? '…' : ''}`;
}

/**
 * Steps matching `query` (case-insensitive), best first: the exact id, names that start with it, names that hold it,
 * ids that hold it, then steps that say it in a prompt. At most `limit`.
 */
export function findSteps(t: TFunction, document: FlowDocument, query: string, limit = 8): StepMatch[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const ranked: Array<{ rank: number; order: number; match: StepMatch }> = [];
  document.nodes.forEach((node, order) => {
    const step = stepName(t, node);
    const name = (step.named ? step.name : t(`nodes.${node.type}.title`, { defaultValue: node.type })).toLowerCase();
    const id = node.id.toLowerCase();
    if (id === needle) return ranked.push({ rank: 0, order, match: { step, on: 'id', excerpt: node.id } });
    if (name.startsWith(needle)) return ranked.push({ rank: 1, order, match: { step, on: 'name', excerpt: step.name } });
    if (name.includes(needle)) return ranked.push({ rank: 2, order, match: { step, on: 'name', excerpt: step.name } });
    if (id.includes(needle)) return ranked.push({ rank: 3, order, match: { step, on: 'id', excerpt: node.id } });
    for (const text of promptTexts(node.data)) {
      const flat = text.replace(/\s+/g, ' ');
      const at = flat.toLowerCase().indexOf(needle);
      if (at >= 0) return ranked.push({ rank: 4, order, match: { step, on: 'prompt', excerpt: around(flat, at) } });
    }
    return undefined;
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((entry) => entry.match);
}
