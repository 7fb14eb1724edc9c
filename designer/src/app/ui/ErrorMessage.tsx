import type { FlowDocument } from '@switchboard/flows';
import { useTranslation } from 'react-i18next';
import { apiErrorInfo } from '../api/api-error';
import { DiagnosticList } from './DiagnosticList';

/**
 * A failed API call in words: the server's message, plus every input problem or diagnostic it listed (naming steps
 * and fields when the flow `document` is given).
 */
export function ErrorMessage({ error, document }: { error: unknown; document?: FlowDocument | undefined }) {
  const { t } = useTranslation();
  const info = apiErrorInfo(error);
  const headline = info.code === 'FORBIDDEN' ? t('app.errors.forbidden', { message: info.message }) : info.inputIssues.length > 0 ? t('app.errors.invalidInput') : info.message;
  return (
    <div className="sb-app-error" role="alert">
      <p>{headline}</p>
      {info.inputIssues.length > 0 && (
        <ul>
          {info.inputIssues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {info.diagnostics.length > 0 && <DiagnosticList diagnostics={info.diagnostics} document={document} />}
    </div>
  );
}
