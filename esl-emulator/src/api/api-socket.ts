import { randomUUID } from 'node:crypto';
import type { Emulator } from '../emulator.js';
import { SITES } from '../model/switch-core.js';
import type { ClientCommand } from '../wire/command-reader.js';
import { apiResponse, commandReply } from '../wire/frames.js';
import { runApiCommand } from './api-commands.js';

/**
 * Handles `api <cmd>` (reply: api/response with the output) and `bgapi <cmd>` (reply: `+OK Job-UUID`, then a
 * BACKGROUND_JOB event carrying the output; a client-chosen `Job-UUID` header is honoured). Resolves once
 * the command's reply is written (for bgapi: before the job runs).
 */
export async function handleApiCommand(emulator: Emulator, command: ClientCommand, write: (text: string) => void, verb: 'api' | 'bgapi'): Promise<void> {
  const commandLine = command.line.slice(verb.length).trim();
  if (verb === 'api') {
    write(apiResponse(await runApiCommand(emulator, commandLine)));
    return;
  }
  const jobUuid = command.headers.get('Job-UUID') ?? randomUUID();
  write(commandReply(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]));
  void runApiCommand(emulator, commandLine).then((output) => {
    const space = commandLine.indexOf(' ');
    const name = space === -1 ? commandLine : commandLine.slice(0, space);
    const args = space === -1 ? '' : commandLine.slice(space + 1);
    const headers: Array<[string, string]> = [['Job-UUID', jobUuid], ['Job-Command', name]];
    if (args !== '') headers.push(['Job-Command-Arg', args]);
    emulator.core.fire(emulator.core.plainEvent('BACKGROUND_JOB', SITES.backgroundJob, headers, output));
  });
}
