import { useTranslation } from 'react-i18next';
import { fieldId, type FormProblem } from './form-problem';
import { problemMessage, problemText } from './problem-text';

/** The problems of one field, under it. */
export function FieldProblems({ problems, field }: { problems: readonly FormProblem[] | undefined; field: readonly (string | number)[] }) {
  const { t } = useTranslation();
  const id = fieldId(field);
  const here = (problems ?? []).filter((problem) => fieldId(problem.field) === id);
  if (here.length === 0) return null;
  return (
    <span className="sb-sim-field-problem" data-testid="field-problem">
      {here.map((problem) => problemMessage(t, problem)).join('; ')}
    </span>
  );
}

/** Every problem, each naming its field ("Web service answers › Answer 1 › HTTP status: must be a whole number"). */
export function ProblemSummary({ problems }: { problems: readonly FormProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="sb-sim-problem" data-testid="form-problems">
      {t('simulator.form.fixFirst')}
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>{problemText(t, problem)}</li>
        ))}
      </ul>
    </div>
  );
}

