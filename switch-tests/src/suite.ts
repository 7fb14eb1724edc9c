/**
 * One FreeSWITCH + one Switchboard + the observer connection, for a test file: `const env = await startSuite()`
 * in beforeAll, `await env.close()` in afterAll.
 */
import { readFile } from 'node:fs/promises';
import { apiOnce, startSwitch, type SwitchInstance } from './freeswitch.js';
import { SwitchObserver, type TestCall } from './observer.js';
import { startSwitchboard, type SwitchboardUnderTest } from './switchboard.js';

export interface SuiteEnvironment {
  readonly fs: SwitchInstance;
  readonly switchboard: SwitchboardUnderTest;
  readonly observer: SwitchObserver;
  /** Sends the switch's calls for Switchboard numbers to `address` (`global_setvar switchboard_runtime`). */
  pointSwitchAt(address: string): Promise<void>;
  /** Restarts the suite's own FreeSWITCH, points it back at the runtime, and waits for the observer to reconnect. */
  restartSwitch(): Promise<void>;
  /** Lines of the switch's log written since `mark()` returned `from` (all of it by default). */
  log(from?: number): Promise<string[]>;
  /** The log's current length, to read only what follows. */
  mark(): Promise<number>;
  /** Every `Speaking text:` line (what flite said) since `from`, in order. */
  spoken(from?: number): Promise<string[]>;
  /** What flite said on the call's channel (its b-leg), in order. */
  spokenOn(call: TestCall): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Starts Switchboard (runtime on a free port, or SWITCH_RUNTIME_PORT when the switch is the user's own and its
 * dialplan names a fixed address), then FreeSWITCH pointed at it, then the observer.
 */
/**
 * Calls start on a Wednesday at 10:00 in London (open in every example's schedule) unless `startAt` says otherwise.
 */
export const OFFICE_HOURS = Date.parse('2026-06-10T10:00:00+01:00');

export async function startSuite(options: { startAt?: number } = {}): Promise<SuiteEnvironment> {
  const external = Boolean(process.env['SWITCH_ESL_HOST']?.trim());
  let fs: SwitchInstance | undefined;
  let switchboard: SwitchboardUnderTest | undefined;
  try {
    // The project's dialplan reads ${switchboard_runtime} per call, so the switch can start before the runtime.
    fs = await startSwitch({ runtimeAddress: '127.0.0.1:9' });
    const fixedPort = external ? Number(process.env['SWITCH_RUNTIME_PORT'] ?? 9090) : 0;
    switchboard = await startSwitchboard({ esl: fs.esl, runtimePort: fixedPort, startAt: options.startAt ?? OFFICE_HOURS });
    const environment = await finish(fs, switchboard);
    if (!external) await environment.pointSwitchAt(switchboard.runtimeAddress);
    return environment;
  } catch (error) {
    await switchboard?.close();
    await fs?.stop();
    throw error;
  }
}

async function finish(fs: SwitchInstance, switchboard: SwitchboardUnderTest): Promise<SuiteEnvironment> {
  const observer = new SwitchObserver(fs.esl);
  await observer.start();
  const readLog = async (): Promise<string> => {
    if (!fs.logFile) throw new Error('this test reads the switch log: set SWITCH_LOG_FILE to your FreeSWITCH log file');
    return readFile(fs.logFile, 'utf8');
  };
  const log = async (from = 0) => (await readLog()).slice(from).split('\n');
  const pointSwitchAt = async (address: string): Promise<void> => {
    const reply = await apiOnce(fs.esl, `global_setvar switchboard_runtime=${address}`);
    if (!reply.startsWith('+OK')) throw new Error(`global_setvar switchboard_runtime refused: ${reply.trim()}`);
  };
  return {
    pointSwitchAt,
    restartSwitch: async () => {
      await fs.restart();
      await pointSwitchAt(switchboard.runtimeAddress);
      const deadline = Date.now() + 30_000;
      while (!observer.connected) {
        if (Date.now() > deadline) throw new Error('the observer did not reconnect to the restarted switch within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    fs,
    switchboard,
    observer,
    log,
    mark: async () => (fs.logFile ? (await readLog()).length : 0),
    spoken: async (from = 0) => spokenTexts((await readLog()).slice(from)),
    spokenOn: async (call) => spokenTexts(await readLog(), await call.bLeg),
    close: async () => {
      await observer.stop();
      await switchboard.close();
      await fs.stop();
    },
  };
}

/** A log line's start: `<uuid> <date> <time>` or `<date> <time>` (lines of a multi-line message have neither). */
const LINE_START = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} )?(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+ |EXECUTE )/;
const UUID_PREFIX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} /;

/** The texts of mod_flite's `Speaking text:` log messages (of channel `uuid`, when given), newlines inside a text kept. */
export function spokenTexts(log: string, uuid?: string): string[] {
  const lines = log.split('\n');
  const texts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i]!.indexOf('Speaking text: ');
    if (at < 0 || !LINE_START.test(lines[i]!) || (uuid !== undefined && !lines[i]!.startsWith(`${uuid} `))) continue;
    const parts = [lines[i]!.slice(at + 'Speaking text: '.length)];
    while (i + 1 < lines.length && !LINE_START.test(lines[i + 1]!) && lines[i + 1] !== '') parts.push(lines[++i]!.replace(UUID_PREFIX, ''));
    texts.push(parts.join('\n'));
  }
  return texts;
}
