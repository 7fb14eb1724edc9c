import { EventEmitter } from "node:events";
import type { Database } from "./create-database.js";
import type { Environment } from "./generated/enums.js";
import pg from "pg";

/** Sent after a binding starts running another version (bind, activate or rollback has committed). */
export interface DeploymentChanged {
  bindingId: string;
  address: string;
  environment: Environment;
  flowName: string;
  versionId: string;
  versionNumber: number;
  kind: "bind" | "activate" | "rollback" | "scheduled_activate" | "scheduled_revert";
  at: string;
}

/**
 * Sent after an incident override was switched on or off (or ran out) in `environment`, and after scheduled
 * publishes were created, changed or cancelled (`schedules: true`), so schedulers on other processes re-arm.
 * Receivers re-read the state instead of trusting the payload: a notice says only "look again".
 */
export interface OverrideChanged {
  environment: "staging" | "production";
  /** The binding whose override changed; null for the environment's global override. */
  address: string | null;
  at: string;
  /** Scheduled publishes changed rather than an incident override. */
  schedules?: boolean;
}

/**
 * Sent after a calendar's current revision changed (saved) or the calendar was deleted (`revision` null). Runtimes
 * reload it so new calls use it at once; calls in progress keep the revision they started with.
 */
export interface CalendarChanged {
  name: string;
  revision: number | null;
  at: string;
}

export type DeploymentListener = (event: DeploymentChanged) => void;
export type OverrideListener = (event: OverrideChanged) => void;
export type CalendarListener = (event: CalendarChanged) => void;

/** On the wire, one channel carries every kind; deployment notices keep their old shape (no `type`). */
type Notice = (DeploymentChanged & { type?: undefined }) | (OverrideChanged & { type: "override" }) | (CalendarChanged & { type: "calendar" });

/**
 * The one interface the runtime subscribes to. Embedded (PGlite) mode delivers in-process; server (PostgreSQL)
 * mode uses LISTEN/NOTIFY so every process sharing the database hears every change, including its own.
 */
export interface DeploymentEvents {
  publish(event: DeploymentChanged): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(listener: DeploymentListener): () => void;
  /** Incident overrides and scheduled publishes changed (see {@link OverrideChanged}). */
  publishOverride(event: OverrideChanged): Promise<void>;
  subscribeOverrides(listener: OverrideListener): () => void;
  /** Calendars changed (see {@link CalendarChanged}). */
  publishCalendarChanged(event: CalendarChanged): Promise<void>;
  subscribeCalendars(listener: CalendarListener): () => void;
  /**
   * Called after the bus lost its connection and listens again: notices sent in between were missed, so whoever
   * keeps state from them must re-read it. Never called for the in-process bus (it cannot miss anything).
   */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

function listenersOn(emitter: EventEmitter) {
  return {
    subscribe(listener: DeploymentListener) {
      emitter.on("changed", listener);
      return () => void emitter.off("changed", listener);
    },
    subscribeOverrides(listener: OverrideListener) {
      emitter.on("override", listener);
      return () => void emitter.off("override", listener);
    },
    subscribeCalendars(listener: CalendarListener) {
      emitter.on("calendar", listener);
      return () => void emitter.off("calendar", listener);
    },
    onReconnect(listener: () => void) {
      emitter.on("reconnected", listener);
      return () => void emitter.off("reconnected", listener);
    },
  };
}

function deliver(emitter: EventEmitter, notice: Notice): void {
  if (notice.type === "override") {
    const { type: _type, ...event } = notice;
    emitter.emit("override", event);
  } else if (notice.type === "calendar") {
    const { type: _type, ...event } = notice;
    emitter.emit("calendar", event);
  } else emitter.emit("changed", notice);
}

export function inProcessDeploymentEvents(): DeploymentEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit("changed", event);
    },
    async publishOverride(event) {
      emitter.emit("override", event);
    },
    async publishCalendarChanged(event) {
      emitter.emit("calendar", event);
    },
    ...listenersOn(emitter),
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** NOTIFY channel; per schema, so test suites in separate schemas of one database never hear each other. */
export function deploymentChannel(schema: string): string {
  return schema === "public" ? "switchboard_deployment_changed" : `switchboard_deployment_changed_${schema}`;
}

export interface PostgresBusOptions {
  /** Delay before listening again after the listening connection was lost (default 500 ms, doubling to 10 s). */
  reconnectMs?: number;
}

/**
 * LISTEN/NOTIFY on one channel per schema. The listening connection is re-opened when it drops (a database
 * restart, a network cut); after it listens again `onReconnect` listeners run so they re-read what they keep.
 */
export async function postgresDeploymentEvents(config: pg.ClientConfig, schema: string, options: PostgresBusOptions = {}): Promise<DeploymentEvents> {
  const channel = deploymentChannel(schema);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const firstDelay = options.reconnectMs ?? 500;
  const listen = async (): Promise<void> => {
    const client = new pg.Client(config);
    client.on("notification", (message) => {
      if (message.channel !== channel || !message.payload) return;
      deliver(emitter, JSON.parse(message.payload) as Notice);
    });
    client.on("error", () => lost(client));
    client.on("end", () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      void client.end().catch(() => undefined);
      return;
    }
    listener = client;
  };
  const reconnect = (delay: number): void => {
    if (closed) return;
    clearTimeout(retry);
    retry = setTimeout(() => {
      listen().then(
        () => emitter.emit("reconnected"),
        () => reconnect(Math.min(delay * 2, 10_000)),
      );
    }, delay);
    retry.unref();
  };
  const lost = (client: pg.Client): void => {
    if (closed || listener !== client) return;
    listener = null;
    void client.end().catch(() => undefined);
    reconnect(firstDelay);
  };
  await listen();
  const notifier = new pg.Pool({ ...config, max: 1 });
  notifier.on("error", () => undefined);
  const send = (notice: Notice) => notifier.query("SELECT pg_notify($1, $2)", [channel, JSON.stringify(notice)]).then(() => undefined);
  return {
    publish: (event) => send(event),
    publishOverride: (event) => send({ ...event, type: "override" }),
    publishCalendarChanged: (event) => send({ ...event, type: "calendar" }),
    ...listenersOn(emitter),
    async close() {
      closed = true;
      clearTimeout(retry);
      emitter.removeAllListeners();
      const current = listener as pg.Client | null;
      listener = null;
      await current?.end().catch(() => undefined);
      await notifier.end();
    },
  };
}

/** In-process for PGlite, LISTEN/NOTIFY for PostgreSQL. */
export function deploymentEventsFor(db: Database, options: PostgresBusOptions = {}): Promise<DeploymentEvents> {
  if (db.kind === "postgres" && db.pgConfig) return postgresDeploymentEvents(db.pgConfig, db.schema, options);
  return Promise.resolve(inProcessDeploymentEvents());
}
