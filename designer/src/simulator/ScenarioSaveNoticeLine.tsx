import { assertNever } from '@switchboard/flows';
import { useTranslation } from 'react-i18next';
import type { ScenarioSaveNotice } from './useScenarioSaving';

/** One line under the simulator's source picker: saving, saved (which revision), or why not. */
export function ScenarioSaveNoticeLine({ notice }: { notice: ScenarioSaveNotice | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  switch (notice.kind) {
    case 'saving':
      return <p role="status" className="sb-sim-muted" data-testid="scenario-save-notice">{t('simulator.save.saving')}</p>;
    case 'saved':
      return <p role="status" data-testid="scenario-save-notice">{t('simulator.save.saved', { revision: notice.revision })}</p>;
    case 'conflict':
      return (
        <p role="alert" className="sb-sim-problem" data-testid="scenario-save-notice">
          {t('simulator.save.conflict', { who: notice.who ?? t('simulator.save.someone'), revision: notice.revision })}
        </p>
      );
    case 'failed':
      return <p role="alert" className="sb-sim-problem" data-testid="scenario-save-notice">{t('simulator.save.failed', { message: notice.message })}</p>;
    default:
      return assertNever(notice);
  }
}

