/**
 * Named migrations between flow document schema versions. When the format changes: bump
 * FLOW_SCHEMA_VERSION, append a migration `{ from: n, to: n + 1, name, up }` with a test, and old exports keep
 * loading. `up` receives a plain JSON object of version `from` and returns one of version `to`.
 */
export interface DocumentMigration {
  from: number;
  to: number;
  name: string;
  up(document: Record<string, unknown>): Record<string, unknown>;
}

/** The migrations shipped with this version, in order. Version 1 is the first published format. */
export const DOCUMENT_MIGRATIONS: readonly DocumentMigration[] = [];

export type MigrationResult =
  | { ok: true; document: Record<string, unknown>; applied: string[] }
  | { ok: false; failure: MigrationFailure };

/** Why a document could not be brought up to date; the parser reports it as an SB002 diagnostic naming the versions. */
export type MigrationFailure =
  | { kind: 'versionNotInteger' }
  | { kind: 'versionTooNew'; version: number; target: number }
  | { kind: 'noMigration'; from: number };

/** Bring a raw document up to `target` by applying migrations in order. Pure; never mutates its input. */
export function migrateDocument(
  raw: Record<string, unknown>,
  target: number,
  migrations: readonly DocumentMigration[] = DOCUMENT_MIGRATIONS,
): MigrationResult {
  const version = raw['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, failure: { kind: 'versionNotInteger' } };
  }
  if (version > target) {
    return { ok: false, failure: { kind: 'versionTooNew', version, target } };
  }
  // Copied only when a migration will rewrite it: a document already at `target` is only read from here on
  // (the schema builds new objects), and copying it was a third of parsing a large flow.
  let current: Record<string, unknown> = version < target ? structuredClone(raw) : raw;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const migration = migrations.find((m) => m.from === v);
    if (!migration) return { ok: false, failure: { kind: 'noMigration', from: v } };
    current = { ...migration.up(current), schemaVersion: migration.to };
    applied.push(migration.name);
  }
  return { ok: true, document: current, applied };
}
