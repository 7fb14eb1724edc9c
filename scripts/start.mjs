#!/usr/bin/env node
// `pnpm start`: runs scripts/serve.ts (TypeScript, through tsx) — migrate, seed, publish examples, serve the
// designer and API, and run the call runtime (on an emulated FreeSWITCH unless ESL_HOST is set).
import { register } from "tsx/esm/api";

register();
const { startProcess, stopOnSignals } = await import("./serve.ts");
try {
  stopOnSignals(await startProcess());
} catch (error) {
  // A refusal explains itself (what is wrong, how to fix it): no stack trace.
  if (error instanceof Error && (error.name === "EmulatedSwitchRefused" || error.name === "ProcessRoleRefused")) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
