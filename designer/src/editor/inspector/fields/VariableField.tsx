import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldRow } from './FieldRow';
import { helpKeyOf, type WidgetProps } from './widget-props';

const NONE = '\u0000none';

/** Pick one of the flow's declared variables (declared in Flow settings). */
export function VariableField({ path, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const current = typeof value === 'string' ? value : NONE;
  const declared = ctx.variables.map((v) => v.name);
  const unknown = current !== NONE && !declared.includes(current);
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={ctx.messages.get(fieldKey(path))}>
      <select id={id} className="sb-input" value={current} disabled={ctx.readOnly} onChange={(e) => onChange(e.target.value === NONE ? undefined : e.target.value)}>
        {(field.optional || current === NONE) && <option value={NONE}>{t('inspector.none')}</option>}
        {ctx.variables.map((variable) => (
          <option key={variable.name} value={variable.name}>
            {variable.name} ({t(`options.type.${variable.type}`)})
          </option>
        ))}
        {unknown && <option value={current}>{t('inspector.undeclaredVariable', { name: current })}</option>}
      </select>
      {ctx.variables.length === 0 && <p className="sb-field__help">{t('inspector.noVariables')}</p>}
    </FieldRow>
  );
}
