#!/usr/bin/env -S npx tsx
/**
 * `pnpm flows <command>`: work with flow files from the command line (and in CI).
 *   validate <files…>   print every diagnostic with file:line, node id and code; exit 1 on errors
 *   compile <file>      print the compiled flow (canonical JSON) — `--hash` prints only its content hash
 */
import { runCli } from './commands.js';

process.exitCode = runCli(process.argv.slice(2));
