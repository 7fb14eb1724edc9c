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
  kind: "bind" | "activate" | "rollback";
  at: string;
}

export type DeploymentListener = (event: DeploymentChanged) => void;

/**
 * The one interface the runtime subscribes to. Embedded (PGlite) mode delivers in-process; server (PostgreSQL)
 * mode uses LISTEN/NOTIFY so every process sharing the database hears every change, including its own.
 */
export interface DeploymentEvents {
  publish(event: DeploymentChanged): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe(listener: DeploymentListener): () => void;
  close(): Promise<void>;
}

export function inProcessDeploymentEvents(): DeploymentEvents {
  const emitter = new EventEmitter();
  return {
    async publish(event) {
      emitter.emit("changed", event);
    },
    subscribe(listener) {
      emitter.on("changed", listener);
      return () => emitter.off("changed", listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** NOTIFY channel; per schema, so test suites in separate schemas of one database never hear each other. */
export function deploymentChannel(schema: string): string {
  return schema === "public" ? "switchboard_deployment_changed" : `switchboard_deployment_changed_${schema}`;
}

export async function postgresDeploymentEvents(config: pg.ClientConfig, schema: string): Promise<DeploymentEvents> {
  const channel = deploymentChannel(schema);
  const emitter = new EventEmitter();
  const listener = new pg.Client(config);
  await listener.connect();
  listener.on("notification", (message) => {
    if (message.channel !== channel || !message.payload) return;
    emitter.emit("changed", JSON.parse(message.payload) as DeploymentChanged);
  });
  await listener.query(`LISTEN "${channel}"`);
  const notifier = new pg.Pool({ ...config, max: 1 });
  return {
    async publish(event) {
      await notifier.query("SELECT pg_notify($1, $2)", [channel, JSON.stringify(event)]);
    },
    subscribe(callback) {
      emitter.on("changed", callback);
      return () => emitter.off("changed", callback);
    },
    async close() {
      emitter.removeAllListeners();
      await listener.end();
      await notifier.end();
    },
  };
}

/** In-process for PGlite, LISTEN/NOTIFY for PostgreSQL. */
export function deploymentEventsFor(db: Database): Promise<DeploymentEvents> {
  if (db.kind === "postgres" && db.pgConfig) return postgresDeploymentEvents(db.pgConfig, db.schema);
  return Promise.resolve(inProcessDeploymentEvents());
}
