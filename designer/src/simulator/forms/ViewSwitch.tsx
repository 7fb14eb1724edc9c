import { useTranslation } from 'react-i18next';

export type EditorView = 'form' | 'json';

/** Form or JSON: the same thing, two ways to edit it. */
export function ViewSwitch({ view, onChange, label }: { view: EditorView; onChange: (view: EditorView) => void; /** What is edited, for the group's name. */ label: string }) {
  const { t } = useTranslation();
  return (
    <span className="sb-sim-view-switch" role="group" aria-label={t('simulator.form.viewLabel', { what: label })}>
      {(['form', 'json'] as const).map((option) => (
        <button key={option} type="button" className="sb-app-button" aria-pressed={view === option} onClick={() => onChange(option)}>
          {t(option === 'form' ? 'simulator.form.formView' : 'simulator.form.jsonView')}
        </button>
      ))}
    </span>
  );
}
