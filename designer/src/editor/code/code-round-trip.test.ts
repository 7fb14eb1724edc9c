import { describe, expect, it } from 'vitest';
import { pathSegments } from '@switchboard/flows';
import { supportLineFlow } from '../examples/support-line';
import { documentToText, parseDocumentText, reconcileText } from './code-round-trip';

describe('code view round trip', () => {
  it('reads back exactly the document it showed', () => {
    const document = supportLineFlow();
    const parsed = parseDocumentText(documentToText(document));
    expect(parsed.ok && parsed.document).toEqual(document);
  });

  it('locates a JSON syntax error by line and column', () => {
    const text = documentToText(supportLineFlow()).replace('"name": "Support line",', '"name": "Support line"');
    const parsed = parseDocumentText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]?.message).toBe('CommaExpected');
    expect(parsed.problems[0]?.line).toBe(4);
  });

  it('locates a schema problem at the offending field', () => {
    const text = documentToText(supportLineFlow()).replace('"timeoutSeconds": 5', '"timeoutSeconds": 500');
    const parsed = parseDocumentText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const problem = parsed.problems[0]!;
    expect(problem.path).toBe('nodes[2].data.timeoutSeconds');
    expect(text.split('\n')[problem.line - 1]).toContain('"timeoutSeconds": 500');
  });

  it('follows canvas edits when the text is valid, and keeps invalid text', () => {
    const document = supportLineFlow();
    const text = documentToText(document);
    expect(reconcileText(text, document)).toBe('keep');
    expect(reconcileText(text.replace(/\n {2}/g, '\n    '), document)).toBe('keep');
    expect(reconcileText(text, { ...document, name: 'Renamed' })).toBe('replace');
    expect(reconcileText(text.slice(0, 50), { ...document, name: 'Renamed' })).toBe('conflict');
  });

  it('splits document paths into JSON path segments', () => {
    expect(pathSegments('nodes[3].data.options[1].digit')).toEqual(['nodes', 3, 'data', 'options', 1, 'digit']);
    expect(pathSegments('')).toEqual([]);
  });
});
