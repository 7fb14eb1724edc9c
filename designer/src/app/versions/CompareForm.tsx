import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';

/** Pick two versions (or a version and the draft) and see their differences on the canvas. */
export function CompareForm({ flowId, versions }: { flowId: string; versions: readonly number[] }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const oldest = versions[versions.length - 1] ?? 1;
  const [from, setFrom] = useState(String(oldest));
  const [to, setTo] = useState(versions.length > 1 ? String(versions[0]) : 'draft');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/flows/${flowId}/diff/${from}/${to}`);
  };
  const versionOptions = versions.map((n) => (
    <option key={n} value={n}>
      {t('app.versions.version', { version: n })}
    </option>
  ));
  return (
    <form className="sb-app-compare" onSubmit={submit}>
      <label>
        {t('app.versions.compareFrom')}{' '}
        <select className="sb-app-input sb-app-input--inline" value={from} onChange={(e) => setFrom(e.target.value)}>
          {versionOptions}
        </select>
      </label>
      <label>
        {t('app.versions.compareTo')}{' '}
        <select className="sb-app-input sb-app-input--inline" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="draft">{t('app.versions.draft')}</option>
          {versionOptions}
        </select>
      </label>
      <button type="submit" className="sb-app-button" disabled={from === to}>
        {t('app.versions.compare')}
      </button>
    </form>
  );
}
