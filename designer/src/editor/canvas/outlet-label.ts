import type { TFunction } from 'i18next';
import type { OutletSpec } from '@switchboard/flows';

/**
 * An outlet's label in the UI language. Fixed outlets (`noInput`, `overflow`…) are translated by node type;
 * outlets named by the user's own settings (menu digits, branch keys, list names) keep the registry's label.
 */
export function outletLabel(t: TFunction, nodeType: string, outlet: OutletSpec): string {
  return t(`nodes.${nodeType}.outlets.${outlet.name}`, { defaultValue: outlet.label });
}
