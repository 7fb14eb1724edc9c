import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, parseFlowDocument, type Diagnostic } from '../src/index.js';

const root = new URL('./fixtures/', import.meta.url).pathname;
const list = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.json'));

function diagnose(dir: string, file: string): Diagnostic[] {
  const parsed = parseFlowDocument(JSON.parse(readFileSync(join(root, dir, file), 'utf8')));
  return parsed.ok ? compileFlow(parsed.document).diagnostics : parsed.diagnostics;
}

describe('fixtures', () => {
  for (const file of list('good')) {
    it(`good/${file} has no errors`, () => {
      expect(diagnose('good', file).filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
  // bad/SB123-what.json must produce an error diagnostic with code SB123 that names where it is.
  for (const file of list('bad')) {
    const code = file.slice(0, 5);
    it(`bad/${file} is rejected with ${code}`, () => {
      const found = diagnose('bad', file).filter((d) => d.code === code && d.severity === 'error');
      expect(found.length).toBeGreaterThan(0);
      for (const d of found) expect(d.path).not.toBe('');
    });
  }
});
