/**
 * Asks a switch what it has: `module_exists <module>` for each module, `callcenter_config queue list` for the
 * queues. The reply formats are FreeSWITCH 1.10.12's, recorded in
 * `esl-emulator/fixtures/switch-capabilities/transcript.json`:
 *
 * - `module_exists mod_x` → `true` or `false`, with no newline.
 * - `callcenter_config queue list` → a `|`-separated table whose first line names the columns (`name|strategy|…`),
 *   one row per queue, then `+OK`; without mod_callcenter: `-ERR callcenter_config Command not found!`.
 */
import type { SwitchCapabilities } from '@switchboard/flows';

/** A reply the runtime cannot read; names the command and quotes the reply. */
export class SwitchReplyError extends Error {
  override readonly name = 'SwitchReplyError';
}

/** Reads a `module_exists` reply. */
export function parseModuleExists(module: string, reply: string): boolean {
  const answer = reply.trim();
  if (answer === 'true') return true;
  if (answer === 'false') return false;
  throw new SwitchReplyError(`module_exists ${module}: expected "true" or "false", got ${JSON.stringify(reply.slice(0, 200))}`);
}

/** Reads the queue names from a `callcenter_config queue list` reply; null when the switch has no such command. */
export function parseQueueList(reply: string): string[] | null {
  if (reply.startsWith('-ERR')) return null;
  const lines = reply.split('\n');
  const header = lines[0]?.split('|') ?? [];
  const nameColumn = header.indexOf('name');
  const end = lines.indexOf('+OK');
  if (nameColumn === -1 || end === -1) {
    throw new SwitchReplyError(`callcenter_config queue list: expected a table with a "name" column ending in +OK, got ${JSON.stringify(reply.slice(0, 200))}`);
  }
  return lines
    .slice(1, end)
    .filter((line) => line !== '')
    .map((line) => line.split('|')[nameColumn] ?? '')
    .filter((name) => name !== '');
}

/** Asks the switch about each module (one `api` at a time, as the inbound socket answers in order) and its queues. */
export async function probeSwitch(api: (command: string) => Promise<string>, modules: readonly string[]): Promise<SwitchCapabilities> {
  const found: Record<string, boolean> = {};
  for (const module of modules) found[module] = parseModuleExists(module, await api(`module_exists ${module}`));
  const queues = parseQueueList(await api('callcenter_config queue list'));
  return { modules: found, queues: queues === null ? null : [...new Set(queues)].sort() };
}
