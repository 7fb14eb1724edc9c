import { useTranslation } from 'react-i18next';

/** What the highlight colours on the comparison canvas mean. */
export function DiffLegend() {
  const { t } = useTranslation();
  return (
    <p className="sb-app-legend">
      {(['added', 'removed', 'changed'] as const).map((kind) => (
        <span key={kind} className={`sb-app-legend__item sb-app-legend__item--${kind}`}>
          {t(`canvas.highlight.${kind}`)}
        </span>
      ))}
    </p>
  );
}
