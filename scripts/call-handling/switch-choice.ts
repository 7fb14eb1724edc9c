/**
 * Which switch `pnpm start` runs calls on: the FreeSWITCH named by ESL_HOST, or the emulated one — which is only
 * allowed on a database no real runtime uses (issue 15: an emulated switch on the production database "placed"
 * real callers' callbacks and marked them completed).
 */
import { hostname } from "node:os";
import { EMULATED_GROUP_PREFIX } from "../../runtime/src/services/index.js";

/** Set to `1` to run the emulated switch on a PostgreSQL database anyway (one that is yours alone). */
export const ALLOW_EMULATED_SWITCH = "SWITCHBOARD_ALLOW_EMULATED_SWITCH";

export type SwitchChoice =
  | { readonly kind: "freeswitch" }
  /** Callbacks booked on the emulated switch belong to `switchGroup`, which real runtimes cannot configure. */
  | { readonly kind: "emulated"; readonly switchGroup: string };

/** `pnpm start` refuses to run the emulated switch on a shared database; the message says how to fix it. */
export class EmulatedSwitchRefused extends Error {
  override readonly name = "EmulatedSwitchRefused";
}

/**
 * Decides the switch from the environment and the kind of database. Without ESL_HOST on the embedded PGlite
 * database: the emulator. Without ESL_HOST on PostgreSQL: refused unless SWITCHBOARD_ALLOW_EMULATED_SWITCH=1,
 * because a PostgreSQL server is where real runtimes keep their callers' callbacks and calls.
 */
export function chooseSwitch(env: NodeJS.ProcessEnv, databaseKind: "pglite" | "postgres", host: string = hostname()): SwitchChoice {
  if (env.ESL_HOST?.trim()) return { kind: "freeswitch" };
  const switchGroup = `${EMULATED_GROUP_PREFIX}${host.replace(/[^A-Za-z0-9_.@-]/g, "-").slice(0, 50) || "host"}`;
  if (databaseKind === "pglite") return { kind: "emulated", switchGroup };
  const allowed = env[ALLOW_EMULATED_SWITCH]?.trim();
  if (allowed === "1") return { kind: "emulated", switchGroup };
  if (allowed) throw new EmulatedSwitchRefused(`${ALLOW_EMULATED_SWITCH} must be 1 or unset, got ${JSON.stringify(allowed)}`);
  throw new EmulatedSwitchRefused(
    [
      "Not starting the emulated FreeSWITCH: DATABASE_URL points at a PostgreSQL server and ESL_HOST is not set.",
      "The emulated switch must not share a database with real runtimes: its demo calls would be stored with real",
      "calls and callers' callbacks would wait in a database a pretend switch works on.",
      "Fix it with one of:",
      "  - ESL_HOST=<freeswitch host> (and ESL_PORT, ESL_PASSWORD): handle calls on your FreeSWITCH;",
      "  - unset DATABASE_URL: run the demo on the embedded database (.data/pglite);",
      `  - ${ALLOW_EMULATED_SWITCH}=1: this PostgreSQL is yours alone (the emulator books callbacks in switch group`,
      `    ${switchGroup} and never places another group's).`,
    ].join("\n"),
  );
}
