import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument } from '@switchboard/flows';
import { diagnosticText } from '../../i18n/diagnostic-text';
import { documentToText, parseDocumentText, reconcileText, type TextProblem } from './code-round-trip';
import { MonacoBoundary } from './MonacoBoundary';
import { PlainJsonEditor } from './PlainJsonEditor';

const MonacoJsonEditor = lazy(() => import('./MonacoJsonEditor'));

/** Parse this long after the last keystroke. */
const PARSE_DEBOUNCE_MS = 300;

interface CodeViewProps {
  document: FlowDocument;
  readOnly: boolean;
  onCommit(document: FlowDocument): void;
}

/**
 * The flow as JSON (Monaco, validated and completed against the flow's JSON Schema). Text that parses and
 * passes the schema goes to the canvas; otherwise the problems are listed and the text is kept as typed.
 */
export function CodeView({ document, readOnly, onCommit }: CodeViewProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => documentToText(document));
  // The text as the view last wrote it: while the user has not touched it, it can be replaced without parsing.
  const generated = useRef(text);
  const [foundProblems, setProblems] = useState<TextProblem[]>([]);
  const problems = useMemo(() => foundProblems.map((problem) => ({ ...problem, message: diagnosticText(t, problem) })), [foundProblems, t]);
  const [conflict, setConflict] = useState(false);
  const [seen, setSeen] = useState(document);
  const committed = useRef<FlowDocument | null>(null);
  const latest = useRef({ document, onCommit });
  latest.current = { document, onCommit };

  // The document changed elsewhere (canvas, undo): follow it unless that would throw away invalid edits.
  if (seen !== document) {
    setSeen(document);
    if (document !== committed.current) {
      const action = text === generated.current ? 'replace' : reconcileText(text, document);
      if (action === 'replace') {
        generated.current = documentToText(document);
        setText(generated.current);
        setProblems([]);
        setConflict(false);
      } else if (action === 'conflict') setConflict(true);
    }
  }

  useEffect(() => {
    if (text === generated.current) {
      // Back to exactly what the view wrote (e.g. an edit undone by hand): nothing to parse or apply.
      setProblems((current) => (current.length === 0 ? current : []));
      return;
    }
    const timer = setTimeout(() => {
      const parsed = parseDocumentText(text);
      if (!parsed.ok) {
        setProblems(parsed.problems);
        return;
      }
      setProblems([]);
      setConflict(false);
      if (reconcileText(text, latest.current.document) === 'keep') return;
      committed.current = parsed.document;
      latest.current.onCommit(parsed.document);
    }, PARSE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const replaceWithDocument = useCallback(() => {
    generated.current = documentToText(document);
    setText(generated.current);
    setProblems([]);
    setConflict(false);
  }, [document]);

  const plain = <PlainJsonEditor value={text} readOnly={readOnly} ariaLabel={t('codeView.title')} onChange={setText} />;
  return (
    <section className="sb-code-view" aria-label={t('codeView.title')}>
      {conflict && (
        <div className="sb-banner sb-banner--warning" role="status">
          {t('codeView.conflict')}
          <button type="button" className="sb-button sb-button--small" onClick={replaceWithDocument}>
            {t('codeView.replace')}
          </button>
        </div>
      )}
      <div className="sb-code-view__editor">
        <MonacoBoundary fallback={plain}>
          <Suspense fallback={plain}>
            <MonacoJsonEditor value={text} readOnly={readOnly} problems={problems} ariaLabel={t('codeView.title')} onChange={setText} />
          </Suspense>
        </MonacoBoundary>
      </div>
      {problems.length > 0 && (
        <ul className="sb-code-view__problems" aria-label={t('codeView.problems')}>
          <li className="sb-hint">{t('codeView.notApplied')}</li>
          {problems.map((problem, index) => (
            <li key={index} className="sb-field__message sb-field__message--error">
              {t('codeView.at', { line: problem.line, column: problem.column })} {problem.code && <code>{problem.code}</code>} {problem.message}
              {problem.path && <span className="sb-hint"> ({problem.path})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
