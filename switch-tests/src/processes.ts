/**
 * Switchboard as an operator runs it on several machines: each part its own `node scripts/start.mjs` process with
 * SWITCHBOARD_ROLE (api, runtime) on one PostgreSQL. Used by the scale-out proof.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One `node scripts/start.mjs` process and what it printed. */
export class SwitchboardProcess {
  readonly lines: string[] = [];
  private readonly child: ChildProcess;
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;
  private waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();

  constructor(
    readonly name: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const take = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        this.lines.push(line);
        for (const waiter of [...this.waiters]) {
          if (waiter.pattern.test(line)) {
            this.waiters.delete(waiter);
            waiter.resolve(line);
          }
        }
      }
    };
    this.child.stdout?.on('data', take);
    this.child.stderr?.on('data', take);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => {
      this.exitCode = code;
      resolve();
    }));
  }

  /** Resolves with the first line (printed so far or later) matching `pattern`; rejects if the process exits first. */
  async waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const already = this.lines.find((line) => pattern.test(line));
    if (already) return already;
    let timer: NodeJS.Timeout | undefined;
    const waiter = { pattern, resolve: (_line: string) => undefined as void };
    try {
      return await Promise.race([
        new Promise<string>((resolve) => {
          waiter.resolve = resolve;
          this.waiters.add(waiter);
        }),
        this.exited.then(() => {
          throw new Error(`${this.name} exited (${String(this.exitCode)}) before printing ${pattern}:\n${this.lines.slice(-30).join('\n')}`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.lines.slice(-30).join('\n')}`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.waiters.delete(waiter);
    }
  }

  /** The pino JSON lines it printed whose `msg` is `message`. */
  logEntries(message: string): Array<Record<string, unknown>> {
    const entries: Array<Record<string, unknown>> = [];
    for (const line of this.lines) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (entry['msg'] === message) entries.push(entry);
      } catch {
        // not a log line
      }
    }
    return entries;
  }

  /** SIGTERM (graceful: drain) and waits for the exit. */
  async stop(timeoutMs = 90_000): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL: no drain, no goodbye. */
  async kill(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Waits until `url` answers 200. */
export async function waitForHttpOk(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (${last})`);
}
