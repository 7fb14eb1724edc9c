import { businessHoursTemplate } from './business-hours';
import { languageChoiceTemplate } from './language-choice';
import { queueCallbackTemplate } from './queue-callback';
import type { FlowTemplate } from './template';

/** The templates the palette offers, in the order a flow usually runs. */
export const FLOW_TEMPLATES: readonly FlowTemplate[] = [businessHoursTemplate, languageChoiceTemplate, queueCallbackTemplate];

export function templateById(id: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((template) => template.id === id);
}
