import { useTranslation } from 'react-i18next';
import { formatTime } from '../analytics/format';
import type { UnsavedEdits } from './unsaved-backup';

/** Says that edits left unsaved when the page closed were brought back (and are being saved, or met a newer save). */
export function RestoredEditsNotice({ restored, conflict, onDismiss }: { restored: UnsavedEdits; conflict: boolean; onDismiss(): void }) {
  const { t, i18n } = useTranslation();
  const time = formatTime(restored.at, i18n.language);
  return (
    <div className="sb-app-notice" role="status">
      <span>{conflict ? t('app.flow.restoredConflict', { time }) : t('app.flow.restored', { time })}</span>
      <button type="button" className="sb-app-button" onClick={onDismiss}>
        {t('app.flow.dismissRestored')}
      </button>
    </div>
  );
}
