import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runCli } from './commands.js';

/** Runs the CLI on `argv`: its exit code and every line it printed, stdout and stderr interleaved. */
export function capture(argv: string[]) {
  const lines: string[] = [];
  const code = runCli(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, lines };
}

/**
 * A temporary folder for the calling test file, removed after its tests. `file` writes `content` there (a
 * string as is, anything else as indented JSON) and returns the file's path.
 */
export function temporaryFolder(prefix: string): { dir: string; file(name: string, content: unknown): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    },
  };
}
