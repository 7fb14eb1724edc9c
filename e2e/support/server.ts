import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Known passwords for the seeded users, handed to the server through SWITCHBOARD_<ROLE>_PASSWORD. */
export const PASSWORDS = {
  admin: 'e2e-admin-password-1',
  publisher: 'e2e-publisher-password-1',
  editor: 'e2e-editor-password-1',
  tester: 'e2e-tester-password-1',
} as const;

export type Role = keyof typeof PASSWORDS;
export const emailOf = (role: Role) => `${role}@switchboard.local`;

/** Builds the designer's production bundle (Vite), unless SWITCHBOARD_E2E_SKIP_BUILD=1 (reusing designer/dist). */
export function buildDesigner(): void {
  if (process.env.SWITCHBOARD_E2E_SKIP_BUILD === '1') return;
  const result = spawnSync('pnpm', ['--filter', '@switchboard/designer', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`designer build failed (exit ${result.status})`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningSwitchboard {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Switchboard as `npm start` does (scripts/start.mjs: migrate, seed, publish examples, serve API and
 * designer) on a free port, with a fresh PGlite data folder in a temp dir and the known passwords.
 */
export async function startSwitchboard(): Promise<RunningSwitchboard> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SWITCHBOARD_DATA_DIR: join(dataDir, 'pglite'),
    SWITCHBOARD_ADMIN_PASSWORD: PASSWORDS.admin,
    SWITCHBOARD_PUBLISHER_PASSWORD: PASSWORDS.publisher,
    SWITCHBOARD_EDITOR_PASSWORD: PASSWORDS.editor,
    SWITCHBOARD_TESTER_PASSWORD: PASSWORDS.tester,
    // Free ports for the runtime too, so a Switchboard already running on this machine cannot collide with the
    // one under test; and no demo calls, which would only add noise to what the specs look at.
    RUNTIME_HTTP_PORT: '0',
    RUNTIME_LISTEN_PORT: '0',
    SWITCHBOARD_DEMO_CALLS_EVERY: '0',
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Switchboard exited (${child.exitCode}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Switchboard did not answer ${url}/healthz within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
