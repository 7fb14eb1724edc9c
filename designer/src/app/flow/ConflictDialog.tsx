import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../ui/DateTime';
import { Dialog } from '../ui/Dialog';
import type { DraftConflict } from './useDraftAutosave';

interface ConflictDialogProps {
  conflict: DraftConflict;
  flowName: string;
  busy: boolean;
  onLoadTheirs(): void;
  onOverwrite(): void;
  onCopyToNewFlow(name: string): void;
  /** Why copying failed (a name taken, …), when it did. */
  copyError?: string | undefined;
}

/**
 * Someone else saved this draft while you were editing. Three ways on, none silent: take their version, keep
 * yours by overwriting theirs explicitly, or put yours in a new flow and leave theirs alone.
 */
export function ConflictDialog({ conflict, flowName, busy, onLoadTheirs, onOverwrite, onCopyToNewFlow, copyError }: ConflictDialogProps) {
  const { t } = useTranslation();
  const [copyName, setCopyName] = useState(`${flowName} my copy`.slice(0, 80));
  const scenarios = conflict.part === 'scenarios';
  const savedBy = scenarios ? conflict.scenariosSavedBy : conflict.savedBy;
  const who = savedBy ? `${savedBy.displayName} <${savedBy.email}>` : t('app.conflict.someone');
  return (
    <Dialog title={t('app.conflict.title')} onClose={() => undefined} actions={null} wide>
      <p data-testid="conflict-who">
        {scenarios
          ? t('app.conflict.scenariosExplain', { who, revision: conflict.scenariosRevision })
          : t('app.conflict.explain', { who, revision: conflict.revision })}{' '}
        <DateTime value={scenarios ? conflict.scenariosSavedAt : conflict.savedAt} />
      </p>
      <p>{t('app.conflict.notSaved')}</p>
      <div className="sb-app-choices">
        <section className="sb-app-choice">
          <h3>{t('app.conflict.theirs.title')}</h3>
          <p className="sb-app-muted">{t('app.conflict.theirs.explain')}</p>
          <button type="button" className="sb-app-button" disabled={busy} onClick={onLoadTheirs}>
            {t('app.conflict.theirs.button')}
          </button>
        </section>
        <section className="sb-app-choice">
          <h3>{t('app.conflict.mine.title')}</h3>
          <p className="sb-app-muted">{t('app.conflict.mine.explain', { who })}</p>
          <p className="sb-app-muted" data-testid="conflict-scenarios-kept">{t('app.conflict.mine.scenariosKept')}</p>
          <button type="button" className="sb-app-button sb-app-button--danger" disabled={busy} onClick={onOverwrite}>
            {t('app.conflict.mine.button')}
          </button>
        </section>
        <section className="sb-app-choice">
          <h3>{t('app.conflict.copy.title')}</h3>
          <p className="sb-app-muted">{t('app.conflict.copy.explain')}</p>
          <label className="sb-app-field">
            <span>{t('app.conflict.copy.name')}</span>
            <input className="sb-app-input" value={copyName} maxLength={80} onChange={(e) => setCopyName(e.target.value)} />
          </label>
          <button type="button" className="sb-app-button" disabled={busy || copyName.trim() === ''} onClick={() => onCopyToNewFlow(copyName.trim())}>
            {t('app.conflict.copy.button')}
          </button>
          {copyError && (
            <p className="sb-app-error" role="alert">
              {copyError}
            </p>
          )}
        </section>
      </div>
    </Dialog>
  );
}
