/**
 * One FreeSWITCH + one Switchboard + the observer connection, for a test file: `const env = await startSuite()`
 * in beforeAll, `await env.close()` in afterAll.
 */
import { readFile } from 'node:fs/promises';
import { apiOnce, startSwitch, type SwitchInstance } from '@switchboard/runtime/testing/freeswitch';
import { SpokenLog } from './log-listener.js';
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
  /** Every text flite was given (`Speaking text:` log events, not the file: see log-listener.ts), in order. */
  spoken(): Promise<string[]>;
  /** What flite was given on the call's channel (its b-leg), in order. */
  spokenOn(call: TestCall): Promise<string[]>;
  /** What flite was given on the channel `uuid` (a call the observer did not place: sipp's), in order. */
  spokenOnChannel(uuid: string): string[];
  close(): Promise<void>;
}

/**
 * Starts Switchboard (runtime on a free port, or SWITCH_RUNTIME_PORT when the switch is the user's own and its
 * dialplan names a fixed address), then FreeSWITCH pointed at it, then the observer.
 */
/**
 * Calls start on a Wednesday at 10:00 in London (open in every example's schedule) unless `startAt` says otherwise
 * (`null`: the runtime runs on the wall clock, for tests that compare its times with the test's own).
 */
export const OFFICE_HOURS = Date.parse('2026-06-10T10:00:00+01:00');

export async function startSuite(options: { startAt?: number | null; runtimeConfig?: Readonly<Record<string, string>> } = {}): Promise<SuiteEnvironment> {
  const external = Boolean(process.env['SWITCH_ESL_HOST']?.trim());
  let fs: SwitchInstance | undefined;
  let switchboard: SwitchboardUnderTest | undefined;
  try {
    // The project's dialplan reads ${switchboard_runtime} per call, so the switch can start before the runtime.
    fs = await startSwitch({ runtimeAddress: '127.0.0.1:9' });
    const fixedPort = external ? Number(process.env['SWITCH_RUNTIME_PORT'] ?? 9090) : 0;
    switchboard = await startSwitchboard({ esl: fs.esl, runtimePort: fixedPort, ...(options.startAt === null ? {} : { startAt: options.startAt ?? OFFICE_HOURS }), ...(options.runtimeConfig ? { runtimeConfig: options.runtimeConfig } : {}) });
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
  const spokenLog = new SpokenLog(fs.esl);
  await spokenLog.start();
  const spokenOnChannel = (uuid: string): string[] => spokenLog.texts.filter((spoken) => spoken.uuid === uuid).map((spoken) => spoken.text);
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
    spoken: async () => spokenLog.texts.map((spoken) => spoken.text),
    spokenOn: async (call) => spokenOnChannel(await call.bLeg),
    spokenOnChannel,
    close: async () => {
      spokenLog.stop();
      await observer.stop();
      await switchboard.close();
      await fs.stop();
    },
  };
}
