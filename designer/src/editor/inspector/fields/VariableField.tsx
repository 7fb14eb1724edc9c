import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLER_LANGUAGE } from '@switchboard/flows';
import { useFormContext } from '../form-context';
import { fieldKey, fieldPattern } from '../value-paths';
import { FieldRow } from './FieldRow';
import { NewVariableForm } from './NewVariableForm';
import { helpKeyOf, type WidgetProps } from './widget-props';

const NONE = '\u0000none';
const NEW = '\u0000new';

/** Pick one of the flow's declared variables (declared in Flow settings), or declare a new one right here. */
export function VariableField({ path, label, value, field, onChange }: WidgetProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const id = useId();
  const [creating, setCreating] = useState(false);
  const current = typeof value === 'string' ? value : NONE;
  const declared = ctx.variables.map((v) => v.name);
  // A Set variable step may also choose the caller's language (a language selection menu).
  const builtIns = ctx.nodeType === 'setVariable' ? [CALLER_LANGUAGE] : [];
  const unknown = current !== NONE && !declared.includes(current) && !builtIns.includes(current);
  const { createVariable } = ctx;
  const canCreate = createVariable !== undefined && !ctx.readOnly;
  return (
    <FieldRow label={label} htmlFor={id} helpKey={helpKeyOf(ctx.nodeType, fieldPattern(path))} messages={ctx.messages.get(fieldKey(path))}>
      <select
        id={id}
        className="sb-input"
        value={current}
        disabled={ctx.readOnly}
        onChange={(e) => {
          if (e.target.value === NEW) setCreating(true);
          else onChange(e.target.value === NONE ? undefined : e.target.value);
        }}
      >
        {(field.optional || current === NONE) && <option value={NONE}>{t('inspector.none')}</option>}
        {ctx.variables.map((variable) => (
          <option key={variable.name} value={variable.name}>
            {variable.name} ({t(`options.type.${variable.type}`)})
          </option>
        ))}
        {builtIns.map((name) => (
          <option key={name} value={name}>
            {t('building.callerLanguage', { name })}
          </option>
        ))}
        {unknown && <option value={current}>{t('inspector.undeclaredVariable', { name: current })}</option>}
        {canCreate && <option value={NEW}>{t('building.newVariable.option')}</option>}
      </select>
      {ctx.variables.length === 0 && !canCreate && <p className="sb-field__help">{t('inspector.noVariables')}</p>}
      {creating && canCreate && (
        <NewVariableForm
          variables={ctx.variables}
          fieldLabel={label}
          onCancel={() => setCreating(false)}
          onCreate={(declaration) => {
            setCreating(false);
            createVariable(path, declaration);
          }}
        />
      )}
    </FieldRow>
  );
}
