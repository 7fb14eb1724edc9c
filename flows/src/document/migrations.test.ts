import { describe, expect, it } from 'vitest';
import { migrateDocument, type DocumentMigration } from './migrations.js';

// A made-up chain proves the hook: versions are walked in order, each named, input untouched.
const chain: DocumentMigration[] = [
  { from: 1, to: 2, name: 'rename-sourceHandle-to-sourceOutlet', up: (d) => ({ ...d, edgesRenamed: true }) },
  { from: 2, to: 3, name: 'add-tags', up: (d) => ({ ...d, tags: [] }) },
];

describe('migrateDocument', () => {
  it('applies each named migration in order and stamps the target version', () => {
    const input = { schemaVersion: 1, name: 'x' };
    const result = migrateDocument(input, 3, chain);
    expect(result).toEqual({ ok: true, document: { schemaVersion: 3, name: 'x', edgesRenamed: true, tags: [] }, applied: ['rename-sourceHandle-to-sourceOutlet', 'add-tags'] });
    expect(input).toEqual({ schemaVersion: 1, name: 'x' });
  });

  it('leaves current documents alone', () => {
    expect(migrateDocument({ schemaVersion: 3 }, 3, chain)).toEqual({ ok: true, document: { schemaVersion: 3 }, applied: [] });
  });

  it('explains a missing step, a newer version and a missing version', () => {
    expect(migrateDocument({ schemaVersion: 0 }, 3, chain)).toEqual({ ok: false, failure: { kind: 'noMigration', from: 0 } });
    expect(migrateDocument({ schemaVersion: 4 }, 3, chain)).toEqual({ ok: false, failure: { kind: 'versionTooNew', version: 4, target: 3 } });
    expect(migrateDocument({}, 3, chain)).toEqual({ ok: false, failure: { kind: 'versionNotInteger' } });
  });
});
