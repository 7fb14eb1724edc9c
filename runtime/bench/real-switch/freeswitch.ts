/**
 * A throw-away FreeSWITCH for the real-switch benchmark: writes a minimal, loopback-only configuration into a
 * temporary folder, starts /opt/freeswitch on it with free ports, and stops it.
 *
 * Self-contained on purpose: the project's permanent FreeSWITCH configuration and harness (branch
 * `switchsuite`) can replace {@link writeBenchConfig} and {@link startFreeSwitch} without touching the
 * benchmark, which only needs `eslPort`, `eslPassword`, `pid` and `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the FreeSWITCH 1.10.12 build lives (see the shared freeswitch README). */
export const FREESWITCH_PREFIX = process.env['FREESWITCH_PREFIX'] ?? '/opt/freeswitch';

/** One dialplan route: calls to `number` go to an outbound socket at 127.0.0.1:`port`. */
export interface SocketRoute {
  readonly number: string;
  readonly port: number;
}

export interface BenchConfig {
  readonly eslPort: number;
  readonly eslPassword: string;
  /** Dialplan context the routes live in (`originate loopback/<number>/<context> &park`). */
  readonly context: string;
  readonly routes: readonly SocketRoute[];
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const xmlAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The whole configuration as one `freeswitch.xml`: no SIP profile (calls are loopback calls, so nothing binds a
 * public address and nothing asks STUN), the event socket on 127.0.0.1 only, and one extension per route that
 * hands the b-leg to an outbound socket with `socket_resume` and a hangup behind it.
 */
export function benchConfigXml(config: BenchConfig): string {
  const modules = ['mod_logfile', 'mod_event_socket', 'mod_commands', 'mod_dptools', 'mod_dialplan_xml', 'mod_loopback', 'mod_tone_stream', 'mod_flite'];
  const extensions = config.routes
    .map(
      (route) => `      <extension name="bench_${xmlAttribute(route.number)}">
        <condition field="destination_number" expression="^${xmlAttribute(route.number)}$">
          <action application="set" data="socket_resume=true"/>
          <action application="socket" data="127.0.0.1:${route.port} async full"/>
          <action application="hangup" data="NORMAL_TEMPORARY_FAILURE"/>
        </condition>
      </extension>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>
<document type="freeswitch/xml">
  <X-PRE-PROCESS cmd="set" data="default_password=${randomBytes(12).toString('hex')}"/>
  <X-PRE-PROCESS cmd="set" data="domain=127.0.0.1"/>
  <X-PRE-PROCESS cmd="set" data="external_rtp_ip=127.0.0.1"/>
  <X-PRE-PROCESS cmd="set" data="external_sip_ip=127.0.0.1"/>
  <X-PRE-PROCESS cmd="set" data="bind_server_ip=127.0.0.1"/>
  <section name="configuration">
    <configuration name="switch.conf">
      <settings>
        <param name="max-sessions" value="20000"/>
        <param name="sessions-per-second" value="2000"/>
        <param name="loglevel" value="warning"/>
        <param name="dump-cores" value="no"/>
        <param name="rtp-start-port" value="40000"/>
        <param name="rtp-end-port" value="40100"/>
      </settings>
    </configuration>
    <configuration name="modules.conf">
      <modules>
${modules.map((name) => `        <load module="${name}"/>`).join('\n')}
      </modules>
    </configuration>
    <configuration name="logfile.conf">
      <settings><param name="rotate-on-hup" value="true"/></settings>
      <profiles><profile name="default"><settings><param name="rollover" value="104857600"/></settings>
        <mappings><map name="all" value="warning,err,crit,alert"/></mappings></profile></profiles>
    </configuration>
    <configuration name="event_socket.conf">
      <settings>
        <param name="nat-map" value="false"/>
        <param name="listen-ip" value="127.0.0.1"/>
        <param name="listen-port" value="${config.eslPort}"/>
        <param name="password" value="${xmlAttribute(config.eslPassword)}"/>
        <param name="apply-inbound-acl" value="loopback.auto"/>
      </settings>
    </configuration>
    <configuration name="flite.conf"><settings/></configuration>
  </section>
  <section name="dialplan">
    <context name="${xmlAttribute(config.context)}">
${extensions}
    </context>
  </section>
</document>
`;
}

/** Writes {@link benchConfigXml} into a fresh temporary folder with the other folders FreeSWITCH wants. */
export function writeBenchConfig(config: BenchConfig): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-fs-'));
  for (const folder of ['conf', 'log', 'db', 'run', 'storage', 'recordings', 'sounds', 'cache']) mkdirSync(join(root, folder));
  writeFileSync(join(root, 'conf', 'freeswitch.xml'), benchConfigXml(config));
  return root;
}

/** A running FreeSWITCH the benchmark started. */
export interface RunningFreeSwitch {
  readonly root: string;
  readonly pid: number;
  readonly eslPort: number;
  readonly eslPassword: string;
  readonly context: string;
  /** Stops it (SIGTERM, then SIGKILL after 10 s) and removes its folder (kept with BENCH_KEEP_FREESWITCH=1). */
  stop(): Promise<void>;
}

async function eslAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('latin1').includes('auth/request'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts FreeSWITCH on a generated configuration and waits (up to 60 s) until its event socket greets. */
export async function startFreeSwitch(routes: readonly SocketRoute[], context = 'bench'): Promise<RunningFreeSwitch> {
  const eslPort = await freePort();
  const eslPassword = randomBytes(9).toString('base64url');
  const root = writeBenchConfig({ eslPort, eslPassword, context, routes });
  const folder = (name: string) => join(root, name);
  const child: ChildProcess = spawn(
    join(FREESWITCH_PREFIX, 'bin', 'freeswitch'),
    ['-nf', '-nc', '-nonat', '-conf', folder('conf'), '-log', folder('log'), '-db', folder('db'), '-run', folder('run'), '-storage', folder('storage'), '-recordings', folder('recordings'), '-sounds', folder('sounds'), '-cache', folder('cache')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const stop = async (): Promise<void> => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (process.env['BENCH_KEEP_FREESWITCH'] === '1') console.log(`FreeSWITCH's folder (log, configuration) kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (gone) break;
    if (await eslAnswers(eslPort)) return { root, pid: child.pid as number, eslPort, eslPassword, context, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`FreeSWITCH (${FREESWITCH_PREFIX}/bin/freeswitch) did not open its event socket on 127.0.0.1:${eslPort} within 60 s${stderr ? `: ${stderr}` : ''}`);
}
