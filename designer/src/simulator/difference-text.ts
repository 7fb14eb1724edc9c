import type { ScenarioDifference } from '@switchboard/flows';
import type { TFunction } from 'i18next';

/** A scenario's first difference in the UI language. */
export function differenceText(t: TFunction, difference: ScenarioDifference): string {
  switch (difference.kind) {
    case 'cannotStart':
      return t('simulator.differences.cannotStart', { message: difference.message });
    case 'endedEarly':
      return t('simulator.differences.endedEarly', { outcome: t(`simulator.outcomes.${difference.outcome}`), node: difference.nodeId ?? '?', step: difference.step });
    case 'keysIgnored':
      return t('simulator.differences.keysIgnored', { step: difference.step, keys: difference.digits, node: difference.nodeId ?? '?' });
    case 'notVisited':
      return t('simulator.differences.notVisited', { expected: difference.expected, path: difference.path.join(' → ') });
    case 'notHeard':
      return t('simulator.differences.notHeard', { expected: difference.expected, heard: difference.heard.map((h) => `“${h}”`).join(', ') || '—' });
    case 'outcome':
      return t('simulator.differences.outcome', { expected: t(`simulator.outcomes.${difference.expected}`), actual: t(`simulator.outcomes.${difference.actual}`) });
    default:
      return '';
  }
}
