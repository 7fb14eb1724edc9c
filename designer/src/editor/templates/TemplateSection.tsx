import { memo, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FLOW_TEMPLATES } from './registry';
import { TEMPLATE_DRAG_TYPE } from './template-drag';

interface TemplateSectionProps {
  /** The palette's search text: templates whose name or description contain it are shown. */
  filter: string;
  /** Insert in the middle of the view. */
  onInsert(templateId: string): void;
}

/** The palette's templates: click to insert in the middle of the view, or drag onto the canvas. */
export const TemplateSection = memo(function TemplateSection({ filter, onInsert }: TemplateSectionProps) {
  const { t } = useTranslation();
  const needle = filter.trim().toLowerCase();
  const templates = FLOW_TEMPLATES.filter(
    (template) => needle === '' || `${t(`building.templates.${template.id}.name`)} ${t(`building.templates.${template.id}.description`)}`.toLowerCase().includes(needle),
  );
  if (templates.length === 0) return null;
  const onDragStart = (event: DragEvent, id: string) => {
    event.dataTransfer.setData(TEMPLATE_DRAG_TYPE, id);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <section className="sb-palette__group" aria-label={t('building.templates.title')}>
      <h3 className="sb-palette__category">{t('building.templates.title')}</h3>
      <p className="sb-hint">{t('building.templates.hint')}</p>
      {templates.map((template) => (
        <button
          key={template.id}
          type="button"
          className="sb-palette__item sb-palette__item--template"
          draggable
          onDragStart={(event) => onDragStart(event, template.id)}
          onClick={() => onInsert(template.id)}
          title={t('building.templates.insert', { name: t(`building.templates.${template.id}.name`) })}
        >
          <span className="sb-palette__item-title">{t(`building.templates.${template.id}.name`)}</span>
          <span className="sb-palette__item-description">{t(`building.templates.${template.id}.description`)}</span>
        </button>
      ))}
    </section>
  );
});
