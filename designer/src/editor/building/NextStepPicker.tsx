import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findNextStepChoices, type NextStepChoice } from './next-step';

interface NextStepPickerProps {
  /** Where the connection was dropped, in pixels inside the canvas stage. */
  left: number;
  top: number;
  /** "After “Main menu” › 1": the outlet the new step will follow. */
  from: string;
  onPick(choice: NextStepChoice): void;
  onCancel(): void;
}

/**
 * The step types (and templates) to add after a connection dropped on empty canvas: type to filter, arrows to move, Enter or a
 * click to add, Escape or a click elsewhere to cancel.
 */
export function NextStepPicker({ left, top, from, onPick, onCancel }: NextStepPickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const types = useMemo(() => findNextStepChoices(t, query), [t, query]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) onCancel();
    };
    window.document.addEventListener('pointerdown', onPointerDown, true);
    return () => window.document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onCancel]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (types.length === 0 ? 0 : (current + step + types.length) % types.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const type = types[active];
      if (type) onPick(type);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div ref={root} className="sb-next-step" role="dialog" aria-label={t('building.nextStep.title')} style={{ left, top }}>
      <p className="sb-next-step__from">{from}</p>
      <input
        type="search"
        role="combobox"
        autoFocus
        aria-label={t('building.nextStep.search')}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={types[active] ? `${listId}-${active}` : undefined}
        placeholder={t('building.nextStep.search')}
        className="sb-input"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={t('building.nextStep.title')} className="sb-next-step__list">
        {types.length === 0 && <li className="sb-step-search__none">{t('building.nextStep.none')}</li>}
        {types.map((choice, index) => (
          <li
            key={choice.kind === 'step' ? choice.type : `template:${choice.template.id}`}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'sb-step-search__result is-active' : 'sb-step-search__result'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(choice)}
          >
            {choice.kind === 'step' ? (
              <>
                <span className="sb-place__step">{t(`nodes.${choice.type}.title`)}</span>
                <span className="sb-step-search__excerpt">{t(`nodes.${choice.type}.description`)}</span>
              </>
            ) : (
              <>
                <span className="sb-place__step">{t('building.nextStep.template', { name: t(`building.templates.${choice.template.id}.name`) })}</span>
                <span className="sb-step-search__excerpt">{t(`building.templates.${choice.template.id}.description`)}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="sb-hint">{t('building.nextStep.hint')}</p>
    </div>
  );
}
