import { assertNever, type ScenarioDifference } from '@switchboard/flows';
import type { TFunction } from 'i18next';

/** How a step is named to a person (its canvas name); ids as they are when no document is at hand. */
export type StepNamer = (nodeId: string) => string;

const asIs: StepNamer = (id) => id;

function valueText(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value);
}

/** A scenario's first difference in the UI language, naming steps as the canvas does. */
export function differenceText(t: TFunction, difference: ScenarioDifference, nameOf: StepNamer = asIs): string {
  const node = (id: string | null) => (id === null ? '?' : nameOf(id));
  switch (difference.kind) {
    case 'cannotStart':
      return t('simulator.differences.cannotStart', { message: difference.message });
    case 'endedEarly':
      return t('simulator.differences.endedEarly', { outcome: t(`simulator.outcomes.${difference.outcome}`), node: node(difference.nodeId), step: difference.step });
    case 'keysIgnored':
      return t('simulator.differences.keysIgnored', { step: difference.step, keys: difference.digits, node: node(difference.nodeId) });
    case 'notVisited':
      return t('simulator.differences.notVisited', { expected: node(difference.expected), path: difference.path.map(node).join(' → ') });
    case 'notHeard':
      return t('simulator.differences.notHeard', { expected: difference.expected, heard: difference.heard.map((h) => `“${h}”`).join(', ') || '—' });
    case 'outcome':
      return t('simulator.differences.outcome', { expected: t(`simulator.outcomes.${difference.expected}`), actual: t(`simulator.outcomes.${difference.actual}`) });
    case 'variable':
      return difference.actual === undefined
        ? t('simulator.differences.variableMissing', { name: difference.name, expected: valueText(difference.expected) })
        : t('simulator.differences.variable', { name: difference.name, expected: valueText(difference.expected), actual: valueText(difference.actual) });
    default:
      return assertNever(difference, 'scenario difference');
  }
}

