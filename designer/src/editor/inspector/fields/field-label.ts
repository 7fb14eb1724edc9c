import type { TFunction } from 'i18next';

/** `timeoutSeconds` → "Timeout seconds": the fallback when a field has no translated label. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(t: TFunction, name: string): string {
  return t(`fields.${name}`, { defaultValue: humanize(name) });
}

/** An enum option's label: node-type specific first (`options.transfer.type.number`), then by field name. */
export function optionLabel(t: TFunction, formType: string, name: string, option: string): string {
  return t(`options.${formType}.${name}.${option}`, { defaultValue: t(`options.${name}.${option}`, { defaultValue: option }) });
}
