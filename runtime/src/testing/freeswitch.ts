/**
 * A FreeSWITCH for the real-switch suite (`switch-tests/`) and the real-switch benchmark (`bench/real-switch.ts`):
 * either one started here on a copy of the project's own configuration (`freeswitch/conf`) in a temporary folder,
 * on free ports, or the user's own one named by SWITCH_ESL_HOST. Exported as `@switchboard/runtime/testing/freeswitch`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holdMusicWav } from './wav.js';

/** The project's FreeSWITCH configuration (freeswitch/README.md). */
export const PROJECT_CONFIG_DIR = fileURLToPath(new URL('../../../freeswitch/conf', import.meta.url));

/** Where an event socket answers. */
export interface EslAddress {
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

/** A FreeSWITCH the suite places calls on. */
export interface SwitchInstance {
  readonly esl: EslAddress;
  /** SIP profile `internal` (sipp calls it). */
  readonly sip: { readonly host: string; readonly port: number };
  /** The switch's log file (every EXECUTE and `Speaking text:` line); null when unknown (SWITCH_LOG_FILE unset). */
  readonly logFile: string | null;
  /** Voicemail storage folder; null when unknown. */
  readonly storageDir: string | null;
  /** True when this process started it (then `restart` and `stop` act on it). */
  readonly owned: boolean;
  /** Its process id while it runs, from its pid file (null when not owned or not running). */
  pid(): number | null;
  /** Stops and starts it again on the same folders and ports; resolves once the event socket answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Settings read from the environment (README: "The real-switch suite"). */
export interface SwitchSettings {
  readonly binary: string;
  /** Set: use this FreeSWITCH instead of starting one. */
  readonly external: (EslAddress & { sipPort: number; logFile: string | null; storageDir: string | null }) | null;
}

/** Reads FREESWITCH_BIN and SWITCH_ESL_HOST / _PORT / _PASSWORD, SWITCH_SIP_PORT, SWITCH_LOG_FILE, SWITCH_STORAGE_DIR. */
export function switchSettings(env: NodeJS.ProcessEnv = process.env): SwitchSettings {
  const host = env['SWITCH_ESL_HOST']?.trim();
  const number = (name: string, fallback: number): number => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65_535) throw new Error(`${name} must be a port number, got ${JSON.stringify(value)}`);
    return parsed;
  };
  return {
    binary: env['FREESWITCH_BIN']?.trim() || '/opt/freeswitch/bin/freeswitch',
    external: host
      ? {
          host,
          port: number('SWITCH_ESL_PORT', 8021),
          password: env['SWITCH_ESL_PASSWORD'] ?? 'ClueCon',
          sipPort: number('SWITCH_SIP_PORT', 5060),
          logFile: env['SWITCH_LOG_FILE']?.trim() || null,
          storageDir: env['SWITCH_STORAGE_DIR']?.trim() || null,
        }
      : null,
  };
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once something on host:port answers an ESL greeting (`Content-Type: auth/request`). */
export async function waitForEventSocket(address: { host: string; port: number }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'not tried';
  while (Date.now() < deadline) {
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = connect(address.port, address.host);
      let text = '';
      const done = (ok: boolean, why?: string) => {
        if (why) lastError = why;
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(1000, () => done(false, 'no greeting within 1 s'));
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
        if (text.includes('auth/request')) done(true);
      });
      socket.on('error', (error) => done(false, error.message));
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`FreeSWITCH's event socket at ${address.host}:${address.port} did not answer within ${timeoutMs} ms (${lastError})`);
}

/** Rewrites `<X-PRE-PROCESS cmd="set" data="name=…"/>` lines of vars.xml; every name must exist. */
export function setVariables(varsXml: string, values: Readonly<Record<string, string>>): string {
  let text = varsXml;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`(<X-PRE-PROCESS cmd="set" data="${name}=)[^"]*("/>)`);
    if (!line.test(text)) throw new Error(`vars.xml has no X-PRE-PROCESS set line for ${name}`);
    text = text.replace(line, (_, head: string, tail: string) => `${head}${value}${tail}`);
  }
  return text;
}

/**
 * Starts a FreeSWITCH on a temporary copy of `freeswitch/conf` with free ports (or returns the user's own, see
 * {@link switchSettings}). `runtimeAddress` is where its dialplan sends Switchboard numbers (`socket …`); it can
 * be changed later with `global_setvar switchboard_runtime=…`.
 */
export async function startSwitch(options: { runtimeAddress: string; settings?: SwitchSettings }): Promise<SwitchInstance> {
  const settings = options.settings ?? switchSettings();
  if (settings.external) {
    const external = settings.external;
    await waitForEventSocket(external, 5_000);
    return {
      esl: { host: external.host, port: external.port, password: external.password },
      sip: { host: external.host, port: external.sipPort },
      logFile: external.logFile,
      storageDir: external.storageDir,
      owned: false,
      pid: () => null,
      restart: () => Promise.reject(new Error('the suite does not restart a FreeSWITCH it did not start (SWITCH_ESL_HOST is set)')),
      stop: () => Promise.resolve(),
    };
  }
  if (!existsSync(settings.binary)) {
    throw new Error(`FreeSWITCH not found at ${settings.binary}: install it (see README, "The real-switch suite"), set FREESWITCH_BIN, or point the suite at a running one with SWITCH_ESL_HOST`);
  }

  const root = await mkdtemp(join(tmpdir(), 'switchboard-fs-'));
  const dirs = { conf: join(root, 'conf'), log: join(root, 'log'), db: join(root, 'db'), run: join(root, 'run'), storage: join(root, 'storage'), recordings: join(root, 'recordings'), sounds: join(root, 'sounds') };
  await cp(PROJECT_CONFIG_DIR, dirs.conf, { recursive: true });
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  await mkdir(join(dirs.sounds, 'music', '8000'), { recursive: true });
  await writeFile(join(dirs.sounds, 'music', '8000', 'switchboard-hold.wav'), holdMusicWav());

  const esl: EslAddress = { host: '127.0.0.1', port: await freePort(), password: `test-${Math.random().toString(36).slice(2, 10)}` };
  const sipPort = await freePort();
  // A small RTP range of its own: loopback calls need none, SIP calls two ports each.
  const rtpStart = 20_000 + 2 * Math.floor(Math.random() * 10_000);
  const varsPath = join(dirs.conf, 'vars.xml');
  await writeFile(
    varsPath,
    setVariables(await readFile(varsPath, 'utf8'), {
      switchboard_runtime: options.runtimeAddress,
      esl_port: String(esl.port),
      esl_password: esl.password,
      sip_port: String(sipPort),
      rtp_start_port: String(rtpStart),
      rtp_end_port: String(rtpStart + 200),
    }),
  );
  const logFile = join(dirs.log, 'freeswitch.log');
  const pidFile = join(dirs.run, 'freeswitch.pid');

  const start = async (): Promise<void> => {
    const args = ['-nc', '-nonat', '-conf', dirs.conf, '-log', dirs.log, '-db', dirs.db, '-run', dirs.run, '-storage', dirs.storage, '-recordings', dirs.recordings, '-sounds', dirs.sounds];
    const result = spawnSync(settings.binary, args, { encoding: 'utf8', timeout: 30_000 });
    if (result.status !== 0) throw new Error(`${settings.binary} ${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`);
    await waitForEventSocket(esl, 20_000);
    // The socket answers before every module has loaded; the callcenter api answering means we are done.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !(await apiOnce(esl, 'callcenter_config queue list').catch(() => '')).includes('support@default')) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const stopInstance = async (): Promise<void> => {
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    await apiOnce(esl, 'fsctl shutdown').catch(() => undefined);
    if (!Number.isInteger(pid) || pid <= 0) return;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && alive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  await start();
  let stopped = false;
  return {
    esl,
    sip: { host: '127.0.0.1', port: sipPort },
    logFile,
    storageDir: dirs.storage,
    owned: true,
    pid: () => {
      let pid: number;
      try {
        pid = Number(readFileSync(pidFile, 'utf8').trim());
      } catch {
        return null;
      }
      return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
    },
    restart: async () => {
      await stopInstance();
      await start();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopInstance();
      if (!process.env['SWITCH_KEEP_FILES']) await rm(root, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One `api` command on a connection of its own (used before and after the suite's own connection). */
export async function apiOnce(esl: EslAddress, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(esl.port, esl.host);
    let buffer = '';
    let stage: 'greeting' | 'auth' | 'api' = 'greeting';
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`api ${command}: no answer within 10 s`));
    });
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (stage === 'greeting' && buffer.includes('auth/request')) {
        buffer = '';
        stage = 'auth';
        socket.write(`auth ${esl.password}\n\n`);
      } else if (stage === 'auth' && buffer.includes('\n\n')) {
        if (!buffer.includes('+OK')) return reject(new Error(`ESL auth refused: ${buffer.trim()}`));
        buffer = '';
        stage = 'api';
        socket.write(`api ${command}\n\n`);
      } else if (stage === 'api') {
        const end = buffer.indexOf('\n\n');
        const length = /Content-Length: (\d+)/.exec(buffer.slice(0, end))?.[1];
        if (end >= 0 && length !== undefined && Buffer.byteLength(buffer.slice(end + 2)) >= Number(length)) {
          socket.end('exit\n\n');
          resolve(buffer.slice(end + 2));
        } else if (end >= 0 && length === undefined) {
          socket.destroy();
          resolve('');
        }
      }
    });
    socket.on('close', () => resolve(''));
  });
}
