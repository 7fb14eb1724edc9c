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
  | { ok: false; message: string };

/** Bring a raw document up to `target` by applying migrations in order. Pure; never mutates its input. */
export function migrateDocument(
  raw: Record<string, unknown>,
  target: number,
  migrations: readonly DocumentMigration[] = DOCUMENT_MIGRATIONS,
): MigrationResult {
  const version = raw['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, message: 'schemaVersion must be an integer' };
  }
  if (version > target) {
    return { ok: false, message: `schemaVersion ${version} is newer than this Switchboard understands (${target})` };
  }
  // Copied only when a migration will rewrite it: a document already at `target` is only read from here on
  // (the schema builds new objects), and copying it was a third of parsing a large flow.
  let current: Record<string, unknown> = version < target ? structuredClone(raw) : raw;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const migration = migrations.find((m) => m.from === v);
    if (!migration) return { ok: false, message: `no migration from schemaVersion ${v} to ${v + 1}` };
    current = { ...migration.up(current), schemaVersion: migration.to };
    applied.push(migration.name);
  }
  return { ok: true, document: current, applied };
}
