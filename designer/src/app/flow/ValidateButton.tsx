import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument } from '@switchboard/flows';
import { useTRPC } from '../api/trpc';
import { apiErrorInfo } from '../api/api-error';

/** Checks the document as the server will when publishing; the verdict stays until the document changes. */
export function ValidateButton({ document }: { document: FlowDocument }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const validate = useMutation(trpc.flows.validate.mutationOptions());
  const { reset } = validate;
  useEffect(() => reset(), [document, reset]);
  const errors = validate.data?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
  const warnings = validate.data?.diagnostics.filter((d) => d.severity === 'warning').length ?? 0;
  return (
    <span className="sb-app-validate">
      <button type="button" className="sb-app-button" disabled={validate.isPending} onClick={() => validate.mutate({ document })}>
        {t('app.validate.button')}
      </button>
      {validate.isSuccess && (
        <span role="status" data-testid="validate-result" className={errors > 0 ? 'sb-app-error-text' : 'sb-app-ok-text'}>
          {errors > 0 ? t('app.validate.errors', { count: errors }) : t('app.validate.ok', { count: warnings })}
        </span>
      )}
      {validate.isError && (
        <span role="alert" className="sb-app-error-text">
          {apiErrorInfo(validate.error).message}
        </span>
      )}
    </span>
  );
}
