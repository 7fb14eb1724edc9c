import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic, FlowDocument } from '@switchboard/flows';
import { DiagnosticItem } from './DiagnosticItem';

/** Problems listed before "show all": a long list costs time to render and helps nobody read it. */
export const FIRST_PROBLEMS_SHOWN = 100;

interface ValidationPanelProps {
  diagnostics: readonly Diagnostic[];
  /** The document the diagnostics are about, to name steps and fields as the canvas and the inspector do. */
  document?: FlowDocument;
  /** Show the node a diagnostic is about (select and centre it). */
  onShowNode(nodeId: string): void;
}

/** Live problems in the flow: errors block publishing, warnings are advice. Click one to go to its node. */
export const ValidationPanel = memo(function ValidationPanel({ diagnostics, document, onShowNode }: ValidationPanelProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? diagnostics : diagnostics.slice(0, FIRST_PROBLEMS_SHOWN);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <section className={open ? 'sb-validation is-open' : 'sb-validation'} aria-label={t('validation.title')}>
      <button type="button" className="sb-validation__header" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="sb-panel-title">
          <span className="sb-validation__arrow" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>{' '}
          {t('validation.title')}
        </span>
        <span className="sb-validation__counts">
          {errors === 0 && warnings === 0 ? t('validation.allGood') : t('validation.counts', { errors: t('validation.errorCount', { count: errors }), warnings: t('validation.warningCount', { count: warnings }) })}
        </span>
      </button>
      {open && diagnostics.length > 0 && (
        <ul className="sb-validation__list">
          {shown.map((diagnostic, index) => (
            <DiagnosticItem key={`${diagnostic.code}:${diagnostic.path}:${index}`} diagnostic={diagnostic} document={document} onShowNode={onShowNode} />
          ))}
          {shown.length < diagnostics.length && (
            <li>
              <button type="button" className="sb-button sb-button--small" onClick={() => setShowAll(true)}>
                {t('validation.showAll', { count: diagnostics.length })}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
});
