import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { describeSchema } from '../describe-schema';
import { useFormContext } from '../form-context';
import { newValueFor } from '../new-item';
import { fieldKey, fieldPattern, type FieldPath } from '../value-paths';
import { ArrayField } from './ArrayField';
import { BooleanField } from './BooleanField';
import { EnumField } from './EnumField';
import { fieldLabel } from './field-label';
import { FieldMessageList } from './FieldMessageList';
import { LinesField } from './LinesField';
import { NumberField } from './NumberField';
import { ObjectFields } from './ObjectFields';
import { RecordField } from './RecordField';
import { specialWidgetFor } from './special-widgets';
import { TextField } from './TextField';

interface FieldEditorProps {
  schema: z.ZodType;
  name: string;
  path: FieldPath;
  value: unknown;
}

/** The editor for one settings field, chosen from its zod schema (or a special editor for it). */
export function FieldEditor({ schema, name, path, value }: FieldEditorProps) {
  const ctx = useFormContext();
  const { t } = useTranslation();
  const field = describeSchema(schema);
  const label = fieldLabel(t, name);
  const onChange = (next: unknown) => ctx.onChange(path, next);
  const props = { path, name, label, value, field, onChange };
  const Special = specialWidgetFor(ctx.nodeType, fieldPattern(path), name, field);
  const isGroup = field.shape.kind === 'object';

  // Optional groups (a prompt, announcements, a callback window) start absent, with a button to add them.
  if (field.optional && value === undefined && isGroup) {
    return (
      <div className="sb-field sb-field--absent">
        <span className="sb-field__label">{label}</span>
        <FieldMessageList messages={ctx.messages.get(fieldKey(path))} />
        {!ctx.readOnly && (
          <button type="button" className="sb-button sb-button--small sb-button--quiet" onClick={() => onChange(newValueFor(field.inner))}>
            {t('inspector.addOptional', { what: label })}
          </button>
        )}
        {ctx.readOnly && <span className="sb-hint">{t('inspector.notSet')}</span>}
      </div>
    );
  }
  if (Special) return <Special {...props} />;

  switch (field.shape.kind) {
    case 'string':
      return <TextField {...props} />;
    case 'number':
      return <NumberField {...props} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'enum':
      return <EnumField {...props} />;
    case 'record':
      return <RecordField {...props} />;
    case 'array':
      return describeSchema(field.shape.element).shape.kind === 'string' ? <LinesField {...props} /> : <ArrayField {...props} />;
    case 'object':
      return (
        <fieldset className="sb-fieldset">
          <legend className="sb-field__label">{label}</legend>
          <FieldMessageList messages={ctx.messages.get(fieldKey(path))} />
          <ObjectFields shape={field.shape.shape} path={path} value={value} />
          {field.optional && !ctx.readOnly && (
            <button type="button" className="sb-button sb-button--small sb-button--quiet" onClick={() => onChange(undefined)}>
              {t('inspector.removeOptional', { what: label })}
            </button>
          )}
        </fieldset>
      );
    case 'unknown':
      return (
        <div className="sb-field">
          <span className="sb-field__label">{label}</span>
          <code className="sb-hint">{JSON.stringify(value)}</code>
          <span className="sb-hint">{t('inspector.editInCode')}</span>
        </div>
      );
  }
}
