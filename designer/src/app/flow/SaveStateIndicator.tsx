import { useTranslation } from 'react-i18next';
import { apiErrorInfo } from '../api/api-error';
import type { SaveStatus } from './useDraftAutosave';

interface SaveStateIndicatorProps {
  status: SaveStatus;
  error: unknown;
  onRetry(): void;
}

/** Saved / unsaved changes / saving… / conflict / could not save (with retry). Announced politely to screen readers. */
export function SaveStateIndicator({ status, error, onRetry }: SaveStateIndicatorProps) {
  const { t } = useTranslation();
  return (
    <span className={`sb-app-save sb-app-save--${status}`} role="status" aria-live="polite" data-save-state={status}>
      {t(`app.save.${status}`)}
      {status === 'error' && (
        <>
          {' '}
          <span className="sb-app-muted">{apiErrorInfo(error).message}</span>{' '}
          <button type="button" className="sb-app-link-button" onClick={onRetry}>
            {t('app.save.retry')}
          </button>
        </>
      )}
    </span>
  );
}
