#!/usr/bin/env node
// `pnpm start`: runs scripts/serve.ts (TypeScript, through tsx) — migrate, seed, publish examples, serve the API.
import { register } from "tsx/esm/api";

register();
const { serve } = await import("./serve.ts");
const running = await serve();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.log(`\n${signal}: shutting down`);
    void running.stop().then(() => process.exit(0));
  });
}
