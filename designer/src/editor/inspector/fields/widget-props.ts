import type { DescribedField } from '../describe-schema';
import type { FieldPath } from '../value-paths';

/** What every field editor receives. */
export interface WidgetProps<T = unknown> {
  path: FieldPath;
  /** The property name (for labels and help texts). */
  name: string;
  label: string;
  value: T;
  field: DescribedField;
  onChange(value: unknown): void;
}

/** The help text key of a field: by node type and field pattern (`help.queue.overflow.maxWaitSeconds`). */
export function helpKeyOf(nodeType: string, pattern: string): string {
  return `help.${nodeType}.${pattern.replace(/\[\]/g, '')}`;
}
