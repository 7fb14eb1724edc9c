import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { DEFAULT_MODULES } from './api/modules.js';
import type { OriginateRecord } from './api/originate.js';
import { QueueRegistry } from './apps/queue-registry.js';
import { SimulatedCall, type Extension } from './call.js';
import { createScaledClock, type SimulationClock } from './clock.js';
import { InboundConnection } from './inbound/inbound-connection.js';
import { SwitchCore } from './model/switch-core.js';
import type { OutboundTarget } from './outbound/socket-session.js';
import type { CallScript, QueueConfig } from './script.js';

/** Options for {@link startEmulator}. */
export interface EmulatorOptions {
  /** Inbound ESL password. Default `ClueCon`. */
  readonly password?: string;
  /** Inbound port; 0 (default) picks a free one. The server binds 127.0.0.1 only. */
  readonly inboundPort?: number;
  /** The runtime's outbound socket server: every `socket` extension connects here. */
  readonly outbound?: OutboundTarget;
  /** Simulated time runs this many times faster than real time. Default 1. Ignored when `clock` is given. */
  readonly timeScale?: number;
  readonly clock?: SimulationClock;
  /** Callcenter queues by name (`support@default`). */
  readonly queues?: Readonly<Record<string, QueueConfig>>;
  /** What each destination does; unlisted destinations run the outbound `socket` extension. */
  readonly extensions?: Readonly<Record<string, Extension>>;
  /** Script for calls created by `originate` (default: none). */
  readonly scriptForOriginate?: (destination: string) => CallScript;
  /**
   * Loaded modules, as `module_exists` reports them (mod_callcenter also decides whether `callcenter_config`
   * exists). Default: every module of the tested build (mod_callcenter, mod_voicemail, mod_flite, …).
   */
  readonly modules?: readonly string[];
  /** `FreeSWITCH-Hostname` and `FreeSWITCH-Switchname`. Default `emulator`. */
  readonly hostname?: string;
  /**
   * Drop each call from `calls` once it has finished (long-running use such as the `pnpm start` demo, where
   * keeping every call's event log would grow without end). Default false: tests read finished calls' logs.
   */
  readonly forgetFinishedCalls?: boolean;
}

/** A call to place with {@link Emulator.placeCall}. */
export interface PlaceCallOptions {
  readonly destination: string;
  readonly callerIdNumber?: string;
  readonly script?: CallScript;
}

/** A running emulated FreeSWITCH. */
export interface Emulator {
  readonly core: SwitchCore;
  readonly queues: QueueRegistry;
  /** Loaded modules; tests may change the set (as `load`/`unload` do) to model a switch reconfigured between connections. */
  readonly modules: Set<string>;
  /** Port of the inbound ESL server on 127.0.0.1. */
  readonly inboundPort: number;
  readonly calls: readonly SimulatedCall[];
  /** Every `originate` asked of the switch, in order, with its reply. */
  readonly originations: OriginateRecord[];
  readonly callsPlaced: number;
  /** Places a call whose B leg runs the dialplan (and, for socket extensions, connects to `outbound`). */
  placeCall(options: PlaceCallOptions): SimulatedCall;
  /** Hangs up the channel with this UUID (either leg of a call), as `uuid_kill` does. */
  killChannel(uuid: string, cause?: string): boolean;
  /** Closes the inbound server and every connection; calls in progress are hung up. */
  close(): Promise<void>;
}

/** Starts an emulated FreeSWITCH speaking the ESL wire protocol. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? createScaledClock(options.timeScale ?? 1);
  const core = new SwitchCore({ coreUuid: randomUUID(), hostname: options.hostname ?? 'emulator', ipv4: '127.0.0.1', ipv6: '::1' }, clock);
  const queues = new QueueRegistry(options.queues ?? {});
  const calls: SimulatedCall[] = [];
  let callsPlaced = 0;
  const connections = new Set<InboundConnection>();
  const sockets = new Set<Socket>();
  const password = options.password ?? 'ClueCon';

  const emulator: Emulator = {
    core,
    queues,
    modules: new Set(options.modules ?? DEFAULT_MODULES),
    inboundPort: 0,
    calls,
    originations: [],
    get callsPlaced() {
      return callsPlaced;
    },
    placeCall({ destination, callerIdNumber = '0000000000', script }) {
      const extension = options.extensions?.[destination] ?? 'socket';
      const call = new SimulatedCall(
        { core, queues, outbound: options.outbound, emulator },
        destination,
        callerIdNumber,
        script ?? options.scriptForOriginate?.(destination) ?? {},
        extension,
      );
      calls.push(call);
      callsPlaced++;
      if (options.forgetFinishedCalls) void call.finished.then(() => calls.splice(calls.indexOf(call), 1));
      return call;
    },
    killChannel(uuid, cause = 'NORMAL_CLEARING') {
      const call = calls.find((c) => c.aLegUuid === uuid || c.bLegUuid === uuid);
      if (!call) return false;
      call.hangup(cause, call.aLegUuid === uuid ? 'a' : 'b');
      return true;
    },
    async close() {
      for (const connection of connections) connection.close();
      for (const call of calls) call.hangup('SYSTEM_SHUTDOWN');
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const connection = new InboundConnection(socket, emulator, password);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.inboundPort ?? 0, '127.0.0.1', () => resolve());
  });
  Object.defineProperty(emulator, 'inboundPort', { value: (server.address() as AddressInfo).port });
  return emulator;
}
