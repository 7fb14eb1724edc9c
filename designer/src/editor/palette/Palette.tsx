import { memo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeType } from '@switchboard/flows';
import { PALETTE_DRAG_TYPE } from './palette-drag';
import { PALETTE_GROUPS } from './palette-groups';
import { TemplateSection } from '../templates/TemplateSection';

interface PaletteProps {
  /** Add a node of this type (the canvas places it in view). */
  onAdd(type: NodeType): void;
  /** Insert a template (a group of steps) in the middle of the view; without it no templates are offered. */
  onInsertTemplate?(templateId: string): void;
}

/** Every node type, grouped by category, with its title and description. Drag onto the canvas, or click to add. */
export const Palette = memo(function Palette({ onAdd, onInsertTemplate }: PaletteProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const matches = (type: NodeType) =>
    needle === '' || `${t(`nodes.${type}.title`)} ${t(`nodes.${type}.description`)} ${type}`.toLowerCase().includes(needle);

  const onDragStart = (event: DragEvent, type: NodeType) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="sb-palette" aria-label={t('palette.title')}>
      <h2 className="sb-panel-title">{t('palette.title')}</h2>
      <input className="sb-input" type="search" placeholder={t('palette.search')} aria-label={t('palette.search')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <p className="sb-hint">{t('palette.hint')}</p>
      {PALETTE_GROUPS.map((group) => {
        const types = group.types.filter(matches);
        if (types.length === 0) return null;
        return (
          <section key={group.category} className="sb-palette__group">
            <h3 className="sb-palette__category">{t(`categories.${group.category}`)}</h3>
            {types.map((type) => (
              <button
                key={type}
                type="button"
                className={`sb-palette__item sb-node--${group.category}`}
                draggable
                onDragStart={(event) => onDragStart(event, type)}
                onClick={() => onAdd(type)}
                title={t('palette.addTitle', { title: t(`nodes.${type}.title`) })}
              >
                <span className="sb-palette__item-title">{t(`nodes.${type}.title`)}</span>
                <span className="sb-palette__item-description">{t(`nodes.${type}.description`)}</span>
              </button>
            ))}
          </section>
        );
      })}
      {onInsertTemplate && <TemplateSection filter={filter} onInsert={onInsertTemplate} />}
    </nav>
  );
});
