import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VariableTypeSchema, type VariableDeclaration, type VariableType } from '@switchboard/flows';
import { variableNameProblem } from '../../state/new-variable';

interface NewVariableFormProps {
  variables: readonly VariableDeclaration[];
  /** The field the variable is for, to name the little form for screen readers. */
  fieldLabel: string;
  onCreate(declaration: VariableDeclaration): void;
  onCancel(): void;
}

/**
 * Name and type of a variable declared from the field that needs it. New variables are text unless chosen
 * otherwise (issue 13, bug 4: they must not take "the next type in the list"). Enter creates, Escape cancels.
 */
export function NewVariableForm({ variables, fieldLabel, onCreate, onCancel }: NewVariableFormProps) {
  const { t } = useTranslation();
  const nameId = useId();
  const typeId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [type, setType] = useState<VariableType>('string');
  const [problem, setProblem] = useState<string | null>(null);

  const create = () => {
    const trimmed = name.trim();
    const found = variableNameProblem(variables, trimmed);
    if (found) {
      setProblem(t(`building.newVariable.${found.key}`, found.params));
      return;
    }
    onCreate({ name: trimmed, type });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      create();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="sb-new-variable" role="group" aria-label={`${t('building.newVariable.title')}: ${fieldLabel}`} onKeyDown={onKeyDown}>
      <label className="sb-field__label" htmlFor={nameId}>
        {t('building.newVariable.name')}
      </label>
      <input
        id={nameId}
        className="sb-input"
        type="text"
        autoFocus
        value={name}
        aria-invalid={problem !== null}
        {...(problem ? { 'aria-describedby': errorId } : {})}
        onChange={(e) => {
          setName(e.target.value);
          setProblem(null);
        }}
      />
      <label className="sb-field__label" htmlFor={typeId}>
        {t('building.newVariable.type')}
      </label>
      <select id={typeId} className="sb-input" value={type} onChange={(e) => setType(e.target.value as VariableType)}>
        {VariableTypeSchema.options.map((option) => (
          <option key={option} value={option}>
            {t(`options.type.${option}`)}
          </option>
        ))}
      </select>
      {problem && (
        <p id={errorId} className="sb-field__message sb-field__message--error" role="alert">
          {problem}
        </p>
      )}
      <div className="sb-new-variable__actions">
        <button type="button" className="sb-button sb-button--small" onClick={create}>
          {t('building.newVariable.create')}
        </button>
        <button type="button" className="sb-button sb-button--small sb-button--quiet" onClick={onCancel}>
          {t('building.newVariable.cancel')}
        </button>
      </div>
    </div>
  );
}
