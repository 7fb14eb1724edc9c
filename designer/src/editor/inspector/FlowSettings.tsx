import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowDocumentSchema, type Diagnostic, type FlowDocument } from '@switchboard/flows';
import { SettingsForm } from './SettingsForm';

/** The parts of the document edited as "flow settings". */
export const FlowSettingsSchema = FlowDocumentSchema.pick({ name: true, description: true, languages: true, variables: true });

/** The flow settings as the form edits them. */
export type FlowSettingsValue = Pick<FlowDocument, 'name' | 'description' | 'languages' | 'variables'>;

const SETTINGS_PATH = /^(name|description|languages|variables)(?![A-Za-z0-9_])/;

interface FlowSettingsProps {
  document: FlowDocument;
  diagnostics: readonly Diagnostic[];
  readOnly: boolean;
  /** A changed field: the whole settings value after it, and the field's key (one undo step per field). */
  onChange(settings: FlowSettingsValue, fieldKey: string): void;
}

/** Name, description, prompt languages and variables of the flow (shown when nothing is selected). */
export function FlowSettings({ document, diagnostics, readOnly, onChange }: FlowSettingsProps) {
  const { t } = useTranslation();
  const value = useMemo<FlowSettingsValue>(
    () => ({ name: document.name, description: document.description, languages: document.languages, variables: document.variables }),
    [document.name, document.description, document.languages, document.variables],
  );
  const settingsDiagnostics = useMemo(
    () => diagnostics.filter((d) => d.nodeId === undefined && SETTINGS_PATH.test(d.path)).map((diagnostic) => ({ field: diagnostic.path, diagnostic })),
    [diagnostics],
  );
  const onCommit = useCallback((next: unknown, fieldKey: string) => onChange(next as FlowSettingsValue, fieldKey), [onChange]);
  return (
    <section className="sb-inspector" aria-label={t('flowSettings.title')}>
      <header className="sb-inspector__header">
        <h2 className="sb-panel-title">{t('flowSettings.title')}</h2>
        <p className="sb-hint">{t('flowSettings.hint')}</p>
      </header>
      <SettingsForm
        document={document}
        formType="flow"
        ariaLabel={t('flowSettings.title')}
        value={value}
        schema={FlowSettingsSchema}
        diagnostics={settingsDiagnostics}
        readOnly={readOnly}
        onCommit={onCommit}
      />
    </section>
  );
}
