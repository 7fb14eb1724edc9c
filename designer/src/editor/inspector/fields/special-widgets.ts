import type { ComponentType } from 'react';
import { PromptSchema, VariableNameSchema } from '@switchboard/flows';
import type { DescribedField } from '../describe-schema';
import { CalendarsField } from './CalendarsField';
import { ExpressionField } from './ExpressionField';
import { HolidaysField } from './HolidaysField';
import { InitialValueField } from './InitialValueField';
import { PromptField } from './PromptField';
import { TextField } from './TextField';
import { TimeZoneField } from './TimeZoneField';
import { VariableField } from './VariableField';
import { WeekdaysField } from './WeekdaysField';
import { WeeklyHoursField } from './WeeklyHoursField';
import type { WidgetProps } from './widget-props';

/** Fields that need more than a generic input, by `nodeType:fieldPattern`. */
const BY_PATTERN: Record<string, ComponentType<WidgetProps>> = {
  'schedule:weekly': WeeklyHoursField,
  'schedule:holidays': HolidaysField,
  'schedule:calendars': CalendarsField,
  'callback:window.days': WeekdaysField,
  'condition:branches[].expression': ExpressionField,
  'setVariable:assignments[].expression': ExpressionField,
  // Flow settings: a variable's own name is typed, not picked from the declared ones.
  'flow:variables[].name': TextField,
  'flow:variables[].initial': InitialValueField,
};

/** The special editor for a field, or null when the generic one for its schema kind fits. */
export function specialWidgetFor(nodeType: string, pattern: string, name: string, field: DescribedField): ComponentType<WidgetProps> | null {
  const byPattern = BY_PATTERN[`${nodeType}:${pattern}`];
  if (byPattern) return byPattern;
  if (field.inner === PromptSchema) return PromptField;
  if (field.inner === VariableNameSchema) return VariableField;
  if (name === 'timezone') return TimeZoneField;
  return null;
}
