import { hostname } from 'node:os';
import { DEFAULT_FALLBACK, type FallbackSettings } from './call/fallback.js';
import { DEFAULT_COMMAND_SETTINGS, type CommandSettings } from './freeswitch/commands.js';
import { AllowEntryError, parseAllowlist, type AllowEntry } from './outbound-http/address-policy.js';

/** Flows' HTTP requests: what they may reach and how much they may read. */
export interface HttpRequestSettings {
  /** Private/loopback/link-local/metadata addresses (refused by default) that are allowed after all. */
  readonly allow: readonly AllowEntry[];
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
}

/** Limits on FreeSWITCH's outbound connections (one per call). */
export interface OutboundLimits {
  /** A connection that has not answered `connect` with its channel data by then is closed (not a call yet). */
  readonly handshakeTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  readonly maxConnections: number;
  /** Largest ESL frame (header block, and body) one connection may send; a larger one closes the connection. */
  readonly maxFrameBytes: number;
}

export const DEFAULT_HTTP_REQUEST_SETTINGS: HttpRequestSettings = { allow: [], maxBodyBytes: 64 * 1024, maxRedirects: 5 };
export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = { handshakeTimeoutMs: 5000, maxConnections: 2000, maxFrameBytes: 1024 * 1024 };
import { announcementTextProblem, callerIdNameProblem, type CallbackAnnouncement, type CallbackPlacement } from './services/callbacks/originate.js';

/** How keep-your-place callbacks are placed (see runtime/README.md, "Configuration"). */
export interface CallbackSettings {
  /** Dial string, caller id and announcement for every queue… */
  readonly placement: CallbackPlacement;
  /** …unless the queue has its own (`CALLBACK_QUEUES`). */
  readonly placementByQueue: Readonly<Record<string, Partial<CallbackPlacement>>>;
  /** Seconds after the asking call ended before the caller may be called. */
  readonly guardSeconds: number;
  /** Seconds the callee's phone rings before the attempt counts as NO_ANSWER. */
  readonly ringSeconds: number;
  /**
   * `host:port` the switch connects survey call-backs to (this runtime's outbound socket as the switch reaches it;
   * `SURVEY_CALLBACK_SOCKET`); null: the listen address (127.0.0.1 when listening on every interface).
   */
  readonly surveySocket: string | null;
}

/** Everything the runtime is configured with (see runtime/README.md, "Configuration"). */
/** How long calls may finish after SIGTERM: a queue wait plus a conversation, in most contact centres. */
export const DEFAULT_DRAIN_SECONDS = 300;

export interface RuntimeConfig {
  /** Which bindings this runtime serves: `production` or `staging`. */
  readonly environment: string;
  /**
   * This runtime instance's name, stable across restarts (`RUNTIME_INSTANCE`, default `<host name>:<outbound
   * port>`). Call records carry it; at start-up the runtime closes the calls of this instance still open as
   * `runtimeLost`. Runtimes sharing a database must have different names.
   */
  readonly instance: string;
  /**
   * The switch (or cluster of switches) this runtime takes calls from. Callbacks are booked in it and only dialers
   * of the same group place them. `emulator:<host>` is set by `pnpm start` for its emulated switch only.
   */
  readonly switchGroup: string;
  /** Inbound ESL connection (queue statistics, callbacks); null runs without one. */
  readonly esl: { readonly host: string; readonly port: number; readonly password: string } | null;
  /** Where FreeSWITCH's `socket` app connects. */
  readonly outbound: { readonly host: string; readonly port: number; readonly limits: OutboundLimits };
  readonly httpRequests: HttpRequestSettings;
  /** `/metrics` and `/healthz`; port null turns the HTTP server off. */
  readonly http: { readonly host: string; readonly port: number | null };
  /**
   * On SIGTERM/SIGINT the runtime stops taking calls at once and lets calls in progress finish for this long
   * before cutting them (`shutdownDrained`). Long enough for a queue wait; the init system's stop timeout must be
   * longer.
   */
  readonly drainSeconds: number;
  readonly fallback: FallbackSettings;
  readonly commands: CommandSettings;
  readonly callbacks: CallbackSettings;
  /** `postgres://…` or a PGlite directory; empty: the database package's default. */
  readonly databaseUrl: string;
  readonly logLevel: string;
}

/** A configuration value that cannot be used. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? fallback : value;
}

function port(env: Env, name: string, fallback: number | null): number | null {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (value === 'off') return null;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) throw new ConfigError(`${name} must be a port number (0–65535) or "off", got ${JSON.stringify(value)}`);
  return number;
}

function template(env: Env, name: string, fallback: string): string {
  const value = text(env, name, fallback);
  if (!value.includes('{destination}')) throw new ConfigError(`${name} must contain {destination}, got ${JSON.stringify(value)}`);
  return value;
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got ${JSON.stringify(value)}`);
  return number;
}

/** `HTTP_REQUEST_ALLOW_STAGING` / `_PRODUCTION` for this runtime's environment, else `HTTP_REQUEST_ALLOW`. */
function allowlist(env: Env, environment: string): AllowEntry[] {
  const specific = `HTTP_REQUEST_ALLOW_${environment.toUpperCase()}`;
  const name = env[specific] !== undefined ? specific : 'HTTP_REQUEST_ALLOW';
  try {
    return parseAllowlist(env[name] ?? '');
  } catch (error) {
    if (error instanceof AllowEntryError) throw new ConfigError(`${name}: ${error.message}`);
    throw error;
  }
}

const SWITCH_GROUP = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,62}$/;

function switchGroup(env: Env): string {
  const value = text(env, 'SWITCH_GROUP', 'default');
  if (!SWITCH_GROUP.test(value)) throw new ConfigError(`SWITCH_GROUP must be 1–63 letters, digits or _ . : @ - (starting with a letter or digit), got ${JSON.stringify(value)}`);
  if (value.startsWith('emulator:')) throw new ConfigError(`SWITCH_GROUP ${JSON.stringify(value)}: names starting with "emulator:" are reserved for the emulated switch of pnpm start`);
  return value;
}

function wholeSeconds(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name, String(fallback));
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new ConfigError(`${name} must be whole seconds between ${min} and ${max}, got ${JSON.stringify(value)}`);
  return number;
}

const CALLER_ID_NUMBER = /^\+?[0-9]{2,20}$/;

function callerIdNumber(value: string | undefined, where: string): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (!CALLER_ID_NUMBER.test(value.trim())) throw new ConfigError(`${where} must be a phone number (digits, optional leading +), got ${JSON.stringify(value)}`);
  return value.trim();
}

function callerIdName(value: string | undefined, where: string): string | null {
  if (value === undefined || value.trim() === '') return null;
  const problem = callerIdNameProblem(value.trim());
  if (problem) throw new ConfigError(`${where}: ${problem}`);
  return value.trim();
}

/** The announcement callees hear when nothing is configured; `{name}` is the caller id name. */
export const DEFAULT_CALLBACK_ANNOUNCEMENT = 'Hello, this is {name}, calling you back as you asked. Please hold: you are next in line.';

/** `off`, an audio file (absolute path or `*.wav`/`*.mp3`), or text spoken with TTS_ENGINE/TTS_VOICE (`{name}` = caller id name). */
function announcement(value: string, tts: { engine: string; voice: string }, name: string | null, where: string): CallbackAnnouncement | null {
  const trimmed = value.trim();
  if (trimmed === 'off') return null;
  if (trimmed.startsWith('/') || /\.(wav|mp3)$/i.test(trimmed)) return { kind: 'file', path: trimmed };
  const spoken = trimmed.replaceAll('{name}', name ?? 'the call back you asked for');
  const problem = announcementTextProblem(spoken);
  if (problem) throw new ConfigError(`${where}: ${problem}`);
  return { kind: 'speech', engine: tts.engine, voice: tts.voice, text: spoken };
}

const QUEUE_SETTING_KEYS = ['dialTemplate', 'callerIdNumber', 'callerIdName', 'announcement'] as const;

/** `CALLBACK_QUEUES`: `{"<queue>": {"dialTemplate"?, "callerIdNumber"?, "callerIdName"?, "announcement"?}}`. */
function queuePlacements(env: Env, tts: { engine: string; voice: string }, defaultName: string | null): Record<string, Partial<CallbackPlacement>> {
  const raw = text(env, 'CALLBACK_QUEUES', '');
  if (raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`CALLBACK_QUEUES must be JSON like {"support@default":{"callerIdName":"Acme Support"}}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('CALLBACK_QUEUES must be a JSON object keyed by queue name');
  const placements: Record<string, Partial<CallbackPlacement>> = {};
  for (const [queue, settings] of Object.entries(parsed as Record<string, unknown>)) {
    const where = `CALLBACK_QUEUES["${queue}"]`;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new ConfigError(`${where} must be an object`);
    const fields = settings as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) {
      if (!(QUEUE_SETTING_KEYS as readonly string[]).includes(key)) throw new ConfigError(`${where}.${key} is not a setting; use ${QUEUE_SETTING_KEYS.join(', ')}`);
      if (typeof value !== 'string') throw new ConfigError(`${where}.${key} must be a string`);
    }
    const field = (key: (typeof QUEUE_SETTING_KEYS)[number]) => fields[key] as string | undefined;
    const placement: { -readonly [K in keyof CallbackPlacement]?: CallbackPlacement[K] } = {};
    const dial = field('dialTemplate');
    if (dial !== undefined) {
      if (!dial.includes('{destination}')) throw new ConfigError(`${where}.dialTemplate must contain {destination}, got ${JSON.stringify(dial)}`);
      placement.dialString = dial;
    }
    if (field('callerIdNumber') !== undefined) placement.callerIdNumber = callerIdNumber(field('callerIdNumber'), `${where}.callerIdNumber`);
    if (field('callerIdName') !== undefined) placement.callerIdName = callerIdName(field('callerIdName'), `${where}.callerIdName`);
    const name = placement.callerIdName !== undefined ? placement.callerIdName : defaultName;
    const spoken = field('announcement') ?? (placement.callerIdName !== undefined ? text(env, 'CALLBACK_ANNOUNCEMENT', DEFAULT_CALLBACK_ANNOUNCEMENT) : undefined);
    if (spoken !== undefined) placement.announcement = announcement(spoken, tts, name, `${where}.announcement`);
    placements[queue] = placement;
  }
  return placements;
}

function callbackSettings(env: Env, dialTemplate: string, tts: { engine: string; voice: string }): CallbackSettings {
  const name = callerIdName(env.CALLBACK_CALLER_ID_NAME, 'CALLBACK_CALLER_ID_NAME');
  return {
    placement: {
      dialString: dialTemplate,
      callerIdNumber: callerIdNumber(env.CALLBACK_CALLER_ID_NUMBER, 'CALLBACK_CALLER_ID_NUMBER'),
      callerIdName: name,
      announcement: announcement(text(env, 'CALLBACK_ANNOUNCEMENT', DEFAULT_CALLBACK_ANNOUNCEMENT), tts, name, 'CALLBACK_ANNOUNCEMENT'),
    },
    placementByQueue: queuePlacements(env, tts, name),
    guardSeconds: wholeSeconds(env, 'CALLBACK_GUARD_SECONDS', 15, 0, 600),
    ringSeconds: wholeSeconds(env, 'CALLBACK_RING_SECONDS', 45, 10, 120),
    surveySocket: surveySocket(env),
  };
}

function surveySocket(env: Env): string | null {
  const value = text(env, 'SURVEY_CALLBACK_SOCKET', '');
  if (value === '') return null;
  if (!/^[A-Za-z0-9.:[\]-]+:[0-9]{1,5}$/.test(value)) throw new ConfigError(`SURVEY_CALLBACK_SOCKET must be host:port (the runtime's outbound socket as the switch reaches it), got ${JSON.stringify(value)}`);
  return value;
}

/** Reads the configuration from environment variables (defaults suit a FreeSWITCH on the same host). */
export function loadConfig(env: Env = process.env): RuntimeConfig {
  const environment = text(env, 'RUNTIME_ENVIRONMENT', 'production');
  if (environment !== 'production' && environment !== 'staging') throw new ConfigError(`RUNTIME_ENVIRONMENT must be production or staging, got ${JSON.stringify(environment)}`);
  const eslHost = text(env, 'ESL_HOST', '');
  const timeout = Number(text(env, 'RUNTIME_FALLBACK_TIMEOUT', String(DEFAULT_FALLBACK.timeoutSeconds)));
  if (!Number.isInteger(timeout) || timeout < 5 || timeout > 120) throw new ConfigError('RUNTIME_FALLBACK_TIMEOUT must be whole seconds between 5 and 120');
  const outbound = { host: text(env, 'RUNTIME_LISTEN_HOST', '127.0.0.1'), port: port(env, 'RUNTIME_LISTEN_PORT', 9090) ?? 9090 };
  const instance = text(env, 'RUNTIME_INSTANCE', `${hostname()}:${outbound.port}`);
  if (instance.length > 200) throw new ConfigError(`RUNTIME_INSTANCE must be at most 200 characters, got ${instance.length}`);
  const tts = { engine: text(env, 'TTS_ENGINE', DEFAULT_COMMAND_SETTINGS.tts.engine), voice: text(env, 'TTS_VOICE', DEFAULT_COMMAND_SETTINGS.tts.voice) };
  const dialNumber = template(env, 'DIAL_NUMBER_TEMPLATE', DEFAULT_COMMAND_SETTINGS.dialStrings.number);
  return {
    environment,
    instance,
    switchGroup: switchGroup(env),
    esl: eslHost === '' ? null : { host: eslHost, port: port(env, 'ESL_PORT', 8021) ?? 8021, password: text(env, 'ESL_PASSWORD', 'ClueCon') },
    outbound: {
      ...outbound,
      limits: {
        handshakeTimeoutMs: whole(env, 'ESL_HANDSHAKE_TIMEOUT_MS', DEFAULT_OUTBOUND_LIMITS.handshakeTimeoutMs, 100, 120_000),
        maxConnections: whole(env, 'ESL_MAX_CONNECTIONS', DEFAULT_OUTBOUND_LIMITS.maxConnections, 1, 1_000_000),
        maxFrameBytes: whole(env, 'ESL_MAX_FRAME_BYTES', DEFAULT_OUTBOUND_LIMITS.maxFrameBytes, 64 * 1024, 64 * 1024 * 1024),
      },
    },
    httpRequests: {
      allow: allowlist(env, environment),
      maxBodyBytes: whole(env, 'HTTP_REQUEST_MAX_BODY_BYTES', DEFAULT_HTTP_REQUEST_SETTINGS.maxBodyBytes, 1, 16 * 1024 * 1024),
      maxRedirects: whole(env, 'HTTP_REQUEST_MAX_REDIRECTS', DEFAULT_HTTP_REQUEST_SETTINGS.maxRedirects, 0, 20),
    },
    http: { host: text(env, 'RUNTIME_HTTP_HOST', '127.0.0.1'), port: port(env, 'RUNTIME_HTTP_PORT', 9464) },
    drainSeconds: whole(env, 'RUNTIME_DRAIN_SECONDS', DEFAULT_DRAIN_SECONDS, 0, 24 * 3600),
    fallback: {
      extension: text(env, 'RUNTIME_FALLBACK_EXTENSION', '') || null,
      apology: text(env, 'RUNTIME_FALLBACK_APOLOGY', DEFAULT_FALLBACK.apology),
      timeoutSeconds: timeout,
    },
    commands: {
      tts,
      dialStrings: {
        extension: template(env, 'DIAL_EXTENSION_TEMPLATE', DEFAULT_COMMAND_SETTINGS.dialStrings.extension),
        number: dialNumber,
        sip: template(env, 'DIAL_SIP_TEMPLATE', DEFAULT_COMMAND_SETTINGS.dialStrings.sip),
      },
      voicemailDomain: text(env, 'VOICEMAIL_DOMAIN', DEFAULT_COMMAND_SETTINGS.voicemailDomain),
      digitsVariable: DEFAULT_COMMAND_SETTINGS.digitsVariable,
    },
    callbacks: callbackSettings(env, dialNumber, tts),
    databaseUrl: text(env, 'DATABASE_URL', ''),
    logLevel: text(env, 'LOG_LEVEL', 'info'),
  };
}
