import { HttpMockSchema } from '@switchboard/flows';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FieldProblems, ProblemSummary } from './FieldProblems';
import type { FormProblem } from './form-problem';
import { MOCK_METHODS, mocksFromForms, mockToForm, NEW_MOCK, switchBodyMode, type HttpMockForm } from './http-mock-form';
import { TypedValueInput } from './TypedValueInput';
import { ViewSwitch, type EditorView } from './ViewSwitch';

interface MockProps {
  mock: HttpMockForm;
  index: number;
  problems: readonly FormProblem[] | undefined;
  onChange: (mock: HttpMockForm) => void;
  onRemove: () => void;
}

function MockBody({ mock, index, problems, onChange }: Omit<MockProps, 'onRemove'>) {
  const { t } = useTranslation();
  const [cannotSwitch, setCannotSwitch] = useState(false);
  const at = ['http', index];
  const setField = (i: number, field: HttpMockForm['bodyFields'][number]) => onChange({ ...mock, bodyFields: mock.bodyFields.map((f, j) => (j === i ? field : f)) });
  return (
    <div className="sb-sim-mock__body">
      <label>
        {t('simulator.form.mocks.bodyAs')}
        <select
          value={mock.bodyMode}
          onChange={(e) => {
            const next = switchBodyMode(mock, e.target.value as HttpMockForm['bodyMode']);
            setCannotSwitch(next === null);
            if (next) onChange(next);
          }}
        >
          <option value="fields">{t('simulator.form.mocks.bodyFields')}</option>
          <option value="text">{t('simulator.form.mocks.bodyText')}</option>
        </select>
      </label>
      {cannotSwitch && <p className="sb-sim-problem">{t('simulator.form.mocks.cannotShowFields')}</p>}
      {mock.bodyMode === 'text' ? (
        <label className="sb-sim-wide">
          {t('simulator.form.mocks.body')}
          <textarea rows={3} spellCheck={false} value={mock.bodyText} onChange={(e) => onChange({ ...mock, bodyText: e.target.value })} />
        </label>
      ) : (
        <>
          {mock.bodyFields.length === 0 && <p className="sb-sim-muted">{t('simulator.form.mocks.noFields')}</p>}
          {mock.bodyFields.map((field, i) => (
            <div key={i} className="sb-sim-row">
              <input aria-label={t('simulator.form.mocks.fieldPath', { n: i + 1 })} placeholder="customer.tier" value={field.path} onChange={(e) => setField(i, { ...field, path: e.target.value })} />
              <TypedValueInput value={field} onChange={(value) => setField(i, { ...field, ...value })} typeLabel={t('simulator.form.mocks.fieldType', { n: i + 1 })} valueLabel={t('simulator.form.mocks.fieldValue', { n: i + 1 })} />
              <button type="button" className="sb-sim-remove" aria-label={t('simulator.form.mocks.removeField', { n: i + 1 })} onClick={() => onChange({ ...mock, bodyFields: mock.bodyFields.filter((_, j) => j !== i) })}>
                ✕
              </button>
              <FieldProblems problems={problems} field={[...at, 'bodyFields', i, 'path']} />
              <FieldProblems problems={problems} field={[...at, 'bodyFields', i, 'value']} />
            </div>
          ))}
          <button type="button" className="sb-app-button" onClick={() => onChange({ ...mock, bodyFields: [...mock.bodyFields, { path: '', type: 'text', value: '' }] })}>
            {t('simulator.form.mocks.addField')}
          </button>
        </>
      )}
      <FieldProblems problems={problems} field={[...at, 'body']} />
    </div>
  );
}

function MockFields({ mock, index, problems, onChange, onRemove }: MockProps) {
  const { t } = useTranslation();
  const at = ['http', index];
  const text = (key: 'url' | 'error' | 'status' | 'delayMs') => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...mock, [key]: e.target.value });
  return (
    <fieldset className="sb-sim-mock" data-testid="http-mock">
      <legend>
        {t('simulator.form.mocks.item', { n: index + 1 })}{' '}
        <button type="button" className="sb-sim-remove" aria-label={t('simulator.form.mocks.remove', { n: index + 1 })} onClick={onRemove}>
          ✕
        </button>
      </legend>
      <label className="sb-sim-wide">
        {t('simulator.form.mocks.url')}
        <input value={mock.url} onChange={text('url')} />
      </label>
      <FieldProblems problems={problems} field={[...at, 'url']} />
      <label>
        {t('simulator.form.mocks.method')}
        <select value={mock.method} onChange={(e) => onChange({ ...mock, method: e.target.value as HttpMockForm['method'] })}>
          <option value="">{t('simulator.form.mocks.anyMethod')}</option>
          {MOCK_METHODS.map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('simulator.form.mocks.answer')}
        <select value={mock.fails ? 'fails' : 'responds'} onChange={(e) => onChange({ ...mock, fails: e.target.value === 'fails' })}>
          <option value="responds">{t('simulator.form.mocks.responds')}</option>
          <option value="fails">{t('simulator.form.mocks.fails')}</option>
        </select>
      </label>
      {mock.fails ? (
        <>
          <label>
            {t('simulator.form.mocks.error')}
            <input value={mock.error} onChange={text('error')} />
          </label>
          <FieldProblems problems={problems} field={[...at, 'error']} />
        </>
      ) : (
        <>
          <label>
            {t('simulator.form.mocks.status')}
            <input inputMode="numeric" value={mock.status} onChange={text('status')} />
          </label>
          <FieldProblems problems={problems} field={[...at, 'status']} />
        </>
      )}
      <label>
        {t('simulator.form.mocks.delay')}
        <input inputMode="numeric" value={mock.delayMs} onChange={text('delayMs')} />
      </label>
      <FieldProblems problems={problems} field={[...at, 'delayMs']} />
      {!mock.fails && <MockBody mock={mock} index={index} problems={problems} onChange={onChange} />}
    </fieldset>
  );
}

/**
 * Mocked web service answers for the flow's HTTP steps: one small form per answer (URL pattern, method, status or a
 * network failure, body fields, delay), or all of them as JSON for those who prefer it, with the format explained.
 */
export function HttpMocksEditor({ mocks, onChange, problems }: { mocks: readonly HttpMockForm[]; onChange: (mocks: HttpMockForm[]) => void; problems?: readonly FormProblem[] | undefined }) {
  const { t } = useTranslation();
  const [view, setView] = useState<EditorView>('form');
  const [text, setText] = useState('');
  const [viewProblems, setViewProblems] = useState<FormProblem[]>([]);
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);

  const switchTo = (next: EditorView) => {
    if (next === view) return;
    if (next === 'json') {
      const result = mocksFromForms(mocks);
      if (!result.ok) return setViewProblems(result.problems);
      setViewProblems([]);
      setText(JSON.stringify(result.mocks, null, 2));
      return setView('json');
    }
    const read = readMocks(text);
    if (!read.ok) return setJsonProblem(read.message);
    setJsonProblem(null);
    onChange(read.mocks.map(mockToForm));
    setView('form');
  };

  return (
    <fieldset className="sb-sim-mocks" aria-label={t('simulator.form.mocks.title')}>
      <legend>
        {t('simulator.form.mocks.title')} <ViewSwitch view={view} onChange={switchTo} label={t('simulator.form.mocks.title')} />
      </legend>
      <ProblemSummary problems={viewProblems} />
      {view === 'form' ? (
        <>
          {mocks.length === 0 && <p className="sb-sim-muted">{t('simulator.form.mocks.none')}</p>}
          {mocks.map((mock, index) => (
            <MockFields
              key={index}
              mock={mock}
              index={index}
              problems={problems}
              onChange={(next) => onChange(mocks.map((m, i) => (i === index ? next : m)))}
              onRemove={() => onChange(mocks.filter((_, i) => i !== index))}
            />
          ))}
          <button type="button" className="sb-app-button" onClick={() => onChange([...mocks, NEW_MOCK])}>
            {t('simulator.form.mocks.add')}
          </button>
        </>
      ) : (
        <div className="sb-sim-json">
          <textarea
            aria-label={t('simulator.form.mocks.json')}
            rows={8}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              // The JSON is the truth while it is shown: each valid edit reaches the call settings at once.
              const read = readMocks(e.target.value);
              setJsonProblem(read.ok ? null : read.message);
              if (read.ok) onChange(read.mocks.map(mockToForm));
            }}
          />
          {jsonProblem && <p role="alert" className="sb-sim-problem">{t('simulator.form.jsonProblem', { message: jsonProblem })}</p>}
          <details>
            <summary>{t('simulator.form.formatTitle')}</summary>
            <p className="sb-sim-muted">{t('simulator.form.mocksFormat')}</p>
          </details>
        </div>
      )}
    </fieldset>
  );
}

function readMocks(text: string): { ok: true; mocks: z.output<typeof HttpMockSchema>[] } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text.trim() === '' ? '[]' : text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const parsed = z.array(HttpMockSchema).safeParse(json);
  if (parsed.success) return { ok: true, mocks: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` };
}
