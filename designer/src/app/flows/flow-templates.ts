import { parseFlowDocument, type FlowDocument } from '@switchboard/flows';

const files = import.meta.glob<unknown>('../../../../flows/examples/*.json', { eager: true, import: 'default' });

/** A flow to start from: the example flows shipped in `flows/examples`. */
export interface FlowTemplate {
  id: string;
  document: FlowDocument;
}

/** Every example that parses, by file name (`support-queue`). */
export const FLOW_TEMPLATES: readonly FlowTemplate[] = Object.entries(files)
  .flatMap(([path, json]) => {
    const parsed = parseFlowDocument(json);
    const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
    return parsed.ok ? [{ id, document: parsed.document }] : [];
  })
  .sort((a, b) => a.id.localeCompare(b.id));
