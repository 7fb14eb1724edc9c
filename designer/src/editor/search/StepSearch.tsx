import type { FlowDocument } from '@switchboard/flows';
import { useId, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { findSteps } from './find-steps';

interface StepSearchProps {
  document: FlowDocument;
  /** Select the step and centre the canvas on it. */
  onShowNode(nodeId: string): void;
  /** Focused by the `/` key on the canvas. */
  inputRef: RefObject<HTMLInputElement | null>;
}

/** Finds steps by canvas name, prompt text or id; Enter (or a click) selects the match and centres on it. */
export function StepSearch({ document, onShowNode, inputRef }: StepSearchProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => findSteps(t, document, query), [t, document, query]);
  const show = (index: number) => {
    const match = matches[index];
    if (!match) return;
    onShowNode(match.step.id);
    setQuery('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (matches.length === 0 ? 0 : (current + step + matches.length) % matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      show(active);
    } else if (event.key === 'Escape') {
      setQuery('');
      event.currentTarget.blur();
    }
  };
  const open = query.trim() !== '';
  return (
    <div className="sb-step-search">
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        className="sb-input sb-step-search__input"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label={t('search.results')} className="sb-step-search__results">
          {matches.length === 0 && <li className="sb-step-search__none">{t('search.none')}</li>}
          {matches.map((match, index) => (
            <li
              key={match.step.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'sb-step-search__result is-active' : 'sb-step-search__result'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => show(index)}
            >
              <span className="sb-place__step">{match.step.named ? `“${match.step.name}”` : match.step.name}</span>
              {match.step.named && <span className="sb-place__id"> ({match.step.id})</span>}
              {match.on === 'prompt' && <span className="sb-step-search__excerpt">{match.excerpt}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
