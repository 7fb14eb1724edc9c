/**
 * The FreeSWITCH `pnpm start` uses when none is configured: the ESL emulator speaking the real wire protocol,
 * with the flows' queues staffed by scripted agents and the demo callers' phones answering their callbacks.
 */
import { startEmulator, type Emulator, type QueueAgent, type QueueConfig } from "../../esl-emulator/src/index.js";

/** Two available agents per queue; the emulator lets the quicker one take each caller (after 8 s, talking 12 s). */
function staffed(queue: string): QueueConfig {
  const team = queue.split("@")[0];
  const agents: QueueAgent[] = [
    { name: `alice.${team}`, answerAfterSeconds: 8, talkSeconds: 12 },
    { name: `bob.${team}`, answerAfterSeconds: 15, talkSeconds: 20 },
  ];
  return { strategy: "longest-idle-agent", agents };
}

export interface EmulatedSwitch {
  readonly emulator: Emulator;
  /** Where the emulator's dialplan (`socket … async full`) sends calls: the runtime's outbound port. */
  sendCallsTo(port: number): void;
  /** Hangs up the calls in progress and closes the inbound server. */
  close(): Promise<void>;
}

const SWEEP_EVERY_MS = 5_000;

/**
 * The emulator keeps a callback originated into a queue as a waiting member even after the called phone hung up
 * (its scripted agents serve only callers who joined through the `callcenter` app). Over hours of demo calls
 * those rows would fill the queues, so members whose call has ended leave as mod_callcenter's do: Abandoned.
 */
export function abandonMembersWithoutCall(emulator: Emulator, queues: readonly string[]): void {
  const now = Math.floor(emulator.core.clock.now() / 1000);
  for (const queue of queues) {
    for (const member of emulator.queues.membersOf(queue, now)) {
      if (member.state !== "Waiting" || emulator.core.channels.has(member.sessionUuid)) continue;
      member.state = "Abandoned";
      member.abandonedEpoch = now;
      member.sessionUuid = "";
    }
  }
}

export interface EmulatedSwitchOptions {
  readonly queues: readonly string[];
  /** Numbers that answer when the switch calls them (callbacks to the demo callers) instead of reaching a flow. */
  readonly phones: readonly string[];
  /** Simulated time runs this many times faster (tests); 1 for people watching. */
  readonly timeScale?: number;
}

export async function startEmulatedSwitch(options: EmulatedSwitchOptions): Promise<EmulatedSwitch> {
  const outbound = { host: "127.0.0.1", port: 0 };
  const emulator = await startEmulator({
    outbound,
    timeScale: options.timeScale ?? 1,
    queues: Object.fromEntries(options.queues.map((queue) => [queue, staffed(queue)])),
    extensions: Object.fromEntries(options.phones.map((phone) => [phone, "tone" as const])),
    forgetFinishedCalls: true,
    hostname: "switchboard-emulator",
  });
  const sweeper = setInterval(() => abandonMembersWithoutCall(emulator, options.queues), SWEEP_EVERY_MS);
  sweeper.unref();
  return {
    emulator,
    sendCallsTo(port) {
      outbound.port = port;
    },
    close() {
      clearInterval(sweeper);
      return emulator.close();
    },
  };
}
