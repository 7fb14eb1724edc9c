import { HttpMockSchema, type HttpMock } from '@switchboard/flows';
import type { FormProblem } from './form-problem';
import { scalarOf, typedValueOf, type Scalar, type TypedValue } from './typed-value';

export const MOCK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One field of a mocked JSON body: where (`customer.tier`) and what (`"gold"`). */
export interface BodyField extends TypedValue {
  path: string;
}

/**
 * A mocked web service answer as the form edits it. Numbers stay text while typed, so a half-typed value is kept
 * and the problem named on save. The body is either fields (a JSON object of named values, what a flow's "Store from
 * the answer" reads) or raw text (anything else: arrays, XML, pretty-printed JSON kept as written).
 */
export interface HttpMockForm {
  url: string;
  method: '' | (typeof MOCK_METHODS)[number];
  /** Fail as the network would (`error`), instead of answering with `status` and a body. */
  fails: boolean;
  error: string;
  status: string;
  delayMs: string;
  bodyMode: 'fields' | 'text';
  bodyFields: BodyField[];
  bodyText: string;
}

export const NEW_MOCK: HttpMockForm = { url: 'https://', method: '', fails: false, error: 'connection refused', status: '200', delayMs: '100', bodyMode: 'fields', bodyFields: [], bodyText: '' };

const SEGMENT = /^[^.[\]]+$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object as fields (`customer.tier` = "gold"), or null when it holds arrays, empty objects or dotted keys. */
function flatten(value: Record<string, unknown>, prefix = ''): BodyField[] | null {
  const fields: BodyField[] = [];
  const entries = Object.entries(value);
  if (entries.length === 0 && prefix !== '') return null;
  for (const [key, child] of entries) {
    if (!SEGMENT.test(key)) return null;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(child)) {
      const inner = flatten(child, path);
      if (!inner) return null;
      fields.push(...inner);
    } else if (child === null || ['string', 'number', 'boolean'].includes(typeof child)) {
      fields.push({ path, ...typedValueOf(child as Scalar) });
    } else return null;
  }
  return fields;
}

/** Body text as fields when it is a JSON object written compactly (so fields give back the very same text). */
export function bodyFieldsOf(body: string): BodyField[] | null {
  if (body === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isPlainObject(parsed) || JSON.stringify(parsed) !== body) return null;
  return flatten(parsed);
}

/** Fields as a JSON body; problems name the field (`bodyFields.1.path`). */
export function bodyFromFields(fields: readonly BodyField[], at: readonly (string | number)[]): { ok: true; body: string } | { ok: false; problems: FormProblem[] } {
  if (fields.length === 0) return { ok: true, body: '' };
  const problems: FormProblem[] = [];
  const root: Record<string, unknown> = {};
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const path = field.path.trim();
    const segments = path.split('.');
    if (path === '' || !segments.every((segment) => SEGMENT.test(segment))) {
      problems.push({ field: [...at, 'bodyFields', index, 'path'], message: 'simulator.form.problems.fieldPath', translate: true });
      return;
    }
    const value = scalarOf(field);
    if (!value.ok) {
      problems.push({ field: [...at, 'bodyFields', index, 'value'], message: `simulator.form.problems.${value.problem}`, translate: true });
      return;
    }
    let container = root;
    for (const [depth, segment] of segments.entries()) {
      const prefix = segments.slice(0, depth + 1).join('.');
      const last = depth === segments.length - 1;
      if (last ? seen.has(prefix) || isPlainObject(container[segment]) : seen.has(prefix)) {
        problems.push({ field: [...at, 'bodyFields', index, 'path'], message: 'simulator.form.problems.fieldTwice', translate: true });
        return;
      }
      if (last) container[segment] = value.value;
      else {
        if (!isPlainObject(container[segment])) container[segment] = {};
        container = container[segment] as Record<string, unknown>;
      }
    }
    seen.add(path);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body: JSON.stringify(root) };
}

/** A saved mock in the form. */
export function mockToForm(mock: HttpMock): HttpMockForm {
  const fields = bodyFieldsOf(mock.body);
  return {
    url: mock.url,
    method: mock.method ?? '',
    fails: mock.error !== undefined,
    error: mock.error ?? '',
    status: String(mock.status),
    delayMs: String(mock.delayMs),
    bodyMode: fields ? 'fields' : 'text',
    bodyFields: fields ?? [],
    bodyText: mock.body,
  };
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The form as a mock, or every problem, each at its field (`http.0.status`). */
export function mockFromForm(form: HttpMockForm, at: readonly (string | number)[]): { ok: true; mock: HttpMock } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const status = wholeNumber(form.status);
  const delayMs = wholeNumber(form.delayMs);
  if (status === null) problems.push({ field: [...at, 'status'], message: 'simulator.form.problems.wholeNumber', translate: true });
  if (delayMs === null) problems.push({ field: [...at, 'delayMs'], message: 'simulator.form.problems.wholeNumber', translate: true });
  const body = form.bodyMode === 'fields' ? bodyFromFields(form.bodyFields, at) : { ok: true as const, body: form.bodyText };
  if (!body.ok) problems.push(...body.problems);
  if (problems.length > 0) return { ok: false, problems };
  const candidate = {
    url: form.url.trim(),
    ...(form.method === '' ? {} : { method: form.method }),
    status,
    body: body.ok ? body.body : '',
    ...(form.fails ? { error: form.error } : {}),
    delayMs,
  };
  const parsed = HttpMockSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, mock: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: [...at, ...(issue.path as (string | number)[])], message: issue.message, translate: false })) };
}

/** Every mock of a list, or every problem of every mock. */
export function mocksFromForms(forms: readonly HttpMockForm[], at: readonly (string | number)[] = ['http']): { ok: true; mocks: HttpMock[] } | { ok: false; problems: FormProblem[] } {
  const mocks: HttpMock[] = [];
  const problems: FormProblem[] = [];
  forms.forEach((form, index) => {
    const result = mockFromForm(form, [...at, index]);
    if (result.ok) mocks.push(result.mock);
    else problems.push(...result.problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mocks };
}

/** Switches a body between fields and text: text → fields works only for a compact JSON object (else null). */
export function switchBodyMode(form: HttpMockForm, mode: HttpMockForm['bodyMode']): HttpMockForm | null {
  if (mode === form.bodyMode) return form;
  if (mode === 'text') {
    const body = bodyFromFields(form.bodyFields, []);
    return { ...form, bodyMode: 'text', bodyText: body.ok ? body.body : form.bodyText };
  }
  const trimmed = form.bodyText.trim();
  let fields = bodyFieldsOf(trimmed);
  if (!fields) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      fields = isPlainObject(parsed) ? flatten(parsed) : null;
    } catch {
      fields = null;
    }
  }
  return fields ? { ...form, bodyMode: 'fields', bodyFields: fields } : null;
}
