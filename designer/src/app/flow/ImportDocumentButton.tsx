import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseFlowDocument, type Diagnostic, type FlowDocument } from '@switchboard/flows';
import { GuardedButton } from '../permissions/GuardedButton';
import { DiagnosticList } from '../ui/DiagnosticList';
import { Dialog } from '../ui/Dialog';
import { readJsonFiles } from '../flows/read-json-files';

interface ImportDocumentButtonProps {
  flowName: string;
  /** Replaces the editor's document (saved like any other edit). */
  onImport(document: FlowDocument): void;
}

/** Loads a flow file into this flow's draft after checking it; a bad file is refused with every problem by path. */
export function ImportDocumentButton({ flowName, onImport }: ImportDocumentButtonProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Diagnostic[] | string | null>(null);
  const [pending, setPending] = useState<FlowDocument | null>(null);

  const read = async (file: File) => {
    try {
      const [json] = await readJsonFiles([file]);
      const parsed = parseFlowDocument(json);
      if (parsed.ok) setPending({ ...parsed.document, name: flowName });
      else setProblems(parsed.diagnostics);
    } catch (error) {
      setProblems((error as Error).message);
    }
  };

  return (
    <>
      <GuardedButton permission="editFlows" onClick={() => input.current?.click()}>
        {t('app.import.button')}
      </GuardedButton>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="import-document-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void read(file);
        }}
      />
      {pending && (
        <Dialog
          title={t('app.import.confirmTitle')}
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" className="sb-app-button" onClick={() => setPending(null)}>
                {t('app.common.cancel')}
              </button>
              <button
                type="button"
                className="sb-app-button sb-app-button--primary"
                onClick={() => {
                  onImport(pending);
                  setPending(null);
                }}
              >
                {t('app.import.replace')}
              </button>
            </>
          }
        >
          <p>{t('app.import.confirm', { count: pending.nodes.length, name: flowName })}</p>
        </Dialog>
      )}
      {problems !== null && (
        <Dialog
          title={t('app.import.refusedTitle')}
          onClose={() => setProblems(null)}
          actions={
            <button type="button" className="sb-app-button" onClick={() => setProblems(null)}>
              {t('app.common.close')}
            </button>
          }
        >
          {typeof problems === 'string' ? <p className="sb-app-error">{problems}</p> : <DiagnosticList diagnostics={problems} />}
        </Dialog>
      )}
    </>
  );
}
