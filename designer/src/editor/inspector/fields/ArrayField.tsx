import { useTranslation } from 'react-i18next';
import { describeSchema } from '../describe-schema';
import { useFormContext } from '../form-context';
import { itemTitle } from '../item-title';
import { newValueFor } from '../new-item';
import { fieldKey } from '../value-paths';
import { FieldMessageList } from './FieldMessageList';
import { ObjectFields } from './ObjectFields';
import { FieldEditor } from './FieldEditor';
import type { WidgetProps } from './widget-props';

/** A list of items (menu options, branches, holidays…): add, remove and reorder. */
export function ArrayField({ path, name, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  if (field.shape.kind !== 'array') return null;
  const element = field.shape.element;
  const items = Array.isArray(value) ? value : [];
  const full = field.shape.maxItems !== null && items.length >= field.shape.maxItems;
  const elementIsObject = describeSchema(element).shape.kind === 'object';
  const elementShape = describeSchema(element).shape;

  const move = (from: number, to: number) => {
    const next = items.slice();
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };
  const add = () => onChange([...items, newValueFor(element, items, name, (n) => (n === 'label' || n === 'name' ? t('inspector.newLabel') : n))]);

  return (
    <fieldset className="sb-fieldset">
      <legend className="sb-field__label">{label}</legend>
      <FieldMessageList messages={ctx.messages.get(fieldKey(path))} />
      <ol className="sb-list">
        {items.map((item, index) => (
          <li key={index} className="sb-list__item">
            <div className="sb-list__header">
              <span className="sb-list__title">{itemTitle(item, index, t('inspector.item'))}</span>
              {!ctx.readOnly && (
                <span className="sb-list__actions">
                  <button type="button" className="sb-icon-button" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('inspector.moveUp')} title={t('inspector.moveUp')}>
                    ↑
                  </button>
                  <button type="button" className="sb-icon-button" disabled={index === items.length - 1} onClick={() => move(index, index + 1)} aria-label={t('inspector.moveDown')} title={t('inspector.moveDown')}>
                    ↓
                  </button>
                  <button type="button" className="sb-icon-button" onClick={() => onChange(items.filter((_, i) => i !== index))} aria-label={t('inspector.removeItem', { item: itemTitle(item, index, t('inspector.item')) })} title={t('inspector.remove')}>
                    ✕
                  </button>
                </span>
              )}
            </div>
            {elementIsObject && elementShape.kind === 'object' ? (
              <ObjectFields shape={elementShape.shape} path={[...path, index]} value={item} />
            ) : (
              <FieldEditor schema={element} name={name} path={[...path, index]} value={item} />
            )}
          </li>
        ))}
      </ol>
      {!ctx.readOnly && (
        <button type="button" className="sb-button sb-button--small" disabled={full} onClick={add}>
          {t('inspector.add', { what: label })}
        </button>
      )}
    </fieldset>
  );
}
