import { useTranslation } from 'react-i18next';

/** Tells the tester which sub-flows a test call cannot enter (unpublished, or not loaded) and what happens then. */
export function SubflowNotice({ unpublished, loading, loadError }: { unpublished: readonly string[]; loading: boolean; loadError: string | null }) {
  const { t } = useTranslation();
  if (loading) return <p className="sb-sim-muted" data-testid="subflow-notice">{t('simulator.subflows.loading')}</p>;
  if (loadError) return <p role="alert" className="sb-sim-problem" data-testid="subflow-notice">{t('simulator.subflows.loadFailed', { message: loadError })}</p>;
  if (unpublished.length === 0) return null;
  return (
    <p role="alert" className="sb-sim-problem" data-testid="subflow-notice">
      {t('simulator.subflows.unpublished', { count: unpublished.length, names: unpublished.map((name) => `“${name}”`).join(', ') })}
    </p>
  );
}
