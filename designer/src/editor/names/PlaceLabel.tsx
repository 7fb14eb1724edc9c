import { useTranslation } from 'react-i18next';
import type { Place } from './describe-place';

/**
 * A place in words (“Billing queue” › Overflow rules › Longest wait (seconds)); the step id follows in muted text
 * when the step has a name of its own, and the raw path is the tooltip.
 */
export function PlaceLabel({ place }: { place: Place }) {
  const { t } = useTranslation();
  const { step, parts } = place;
  return (
    <span className="sb-place" title={place.path ? t('names.path', { path: place.path }) : undefined} data-testid="place">
      {step && (
        <>
          <span className="sb-place__step">{step.named ? `“${step.name}”` : step.name}</span>
          {step.named && (
            <span className="sb-place__id" title={t('names.stepId', { id: step.id })}>
              {' '}
              ({step.id})
            </span>
          )}
        </>
      )}
      {parts.map((part, index) => (
        <span key={index} className="sb-place__part">
          {step || index > 0 ? ' › ' : ''}
          {part}
        </span>
      ))}
    </span>
  );
}
