/**
 * Call handling inside the `pnpm start` process: the runtime on the platform's own database and deployment bus,
 * connected to the FreeSWITCH named by ESL_HOST or, when none is, to an emulated one.
 */
import type { Database } from "../../prisma/src/index.js";
import type { Emulator } from "../../esl-emulator/src/index.js";
import { loadConfig, scaledClock, startRuntime, type CallSummary, type RuntimeHandle } from "../../runtime/src/index.js";
import type { DeploymentFeed } from "../../runtime/src/services/contracts.js";
import { startEmulatedSwitch } from "./emulated-switch.js";
import { chooseSwitch } from "./switch-choice.js";

export interface CallHandling {
  readonly runtime: RuntimeHandle;
  /** The emulated switch; null when connected to a real FreeSWITCH. */
  readonly emulator: Emulator | null;
  /** Emulator: hang up the emulated calls, then stop the runtime. FreeSWITCH: give calls in progress 10 s. */
  close(): Promise<void>;
}

export interface CallHandlingOptions {
  /** Environment variables as documented in runtime/README.md; ESL_HOST unset → emulator. */
  readonly env: NodeJS.ProcessEnv;
  /** Names the emulated switch's group (`emulator:<host>`). Default the machine's host name. */
  readonly host?: string;
  readonly database: Database;
  /** The platform's deployment bus: the runtime hears the API's publishes, activations and rollbacks. */
  readonly deployments: DeploymentFeed;
  /** Queues the emulator staffs with scripted agents. */
  readonly queues: readonly string[];
  /** Numbers that answer when the emulated switch calls them back. */
  readonly phones: readonly string[];
  readonly onCallEnded: (summary: CallSummary) => void;
  /** Emulator and runtime time run this many times faster (tests). Default 1. */
  readonly timeScale?: number;
}

/** The runtime logs warnings and errors only, unless LOG_LEVEL says otherwise: the call lines tell the story. */
const QUIET = { LOG_LEVEL: "warn" };

/**
 * Starts the runtime on the FreeSWITCH of ESL_HOST, or on an emulated switch whose callbacks live in their own
 * switch group. Throws {@link EmulatedSwitchRefused} (before starting anything) for an emulated switch on a
 * PostgreSQL database unless SWITCHBOARD_ALLOW_EMULATED_SWITCH=1.
 */
export async function startCallHandling(options: CallHandlingOptions): Promise<CallHandling> {
  const { env, database, deployments, onCallEnded } = options;
  const choice = chooseSwitch(env, database.kind, options.host);
  if (choice.kind === "freeswitch") {
    const runtime = await startRuntime({ config: loadConfig({ ...QUIET, ...env }), database, deployments, onCallEnded });
    return { runtime, emulator: null, close: () => runtime.close(runtime.config.drainSeconds * 1000) };
  }
  const timeScale = options.timeScale ?? 1;
  const emulated = await startEmulatedSwitch({ queues: options.queues, phones: options.phones, timeScale });
  try {
    const loaded = loadConfig({
      ...QUIET,
      // The emulator learns the runtime's port after it listens: any free one will do unless one is asked for.
      RUNTIME_LISTEN_PORT: "0",
      ...env,
      ESL_HOST: "127.0.0.1",
      ESL_PORT: String(emulated.emulator.inboundPort),
      ESL_PASSWORD: "ClueCon",
      SWITCH_GROUP: "",
    });
    const config = {
      ...loaded,
      // Its own group, never one a real runtime uses: the emulator's dialer cannot place (and "complete") a real
      // caller's callback, and real dialers never dial the demo callers.
      switchGroup: choice.switchGroup,
      // The emulator reaches the demo callers' phones through loopback to its own dialplan, whatever carrier
      // DIAL_NUMBER_TEMPLATE names for the real switch.
      callbacks: { ...loaded.callbacks, placement: { ...loaded.callbacks.placement, dialString: "loopback/{destination}/default" } },
    };
    const clock = timeScale === 1 ? undefined : scaledClock(Date.now(), timeScale);
    const runtime = await startRuntime({ config, database, deployments, onCallEnded, ...(clock ? { clock } : {}) });
    emulated.sendCallsTo(runtime.outboundPort);
    return {
      runtime,
      emulator: emulated.emulator,
      close: async () => {
        await emulated.close();
        await runtime.close(2_000);
      },
    };
  } catch (error) {
    await emulated.close();
    throw error;
  }
}
