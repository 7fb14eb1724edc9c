#!/usr/bin/env node
// `pnpm start`: runs scripts/serve.ts (TypeScript, through tsx) — migrate, seed, publish examples, serve the
// designer and API, and run the call runtime (on an emulated FreeSWITCH unless ESL_HOST is set).
import { register } from "tsx/esm/api";

register();
const { serve, stopOnSignals } = await import("./serve.ts");
stopOnSignals(await serve());
