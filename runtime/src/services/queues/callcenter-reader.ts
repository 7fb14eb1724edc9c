import type { EslApi } from '../metrics.js';
import { parseJsonRows, parsePipeTable, toAgentRows, toMemberRows, type QueueAgentRow, type QueueMemberRow } from './callcenter-tables.js';

/**
 * Reads a queue's members and agents from mod_callcenter. It asks through `api json {"command":"callcenter_config",…}`
 * first (values cannot be confused by a `|` in a caller's name) and falls back to the pipe tables of
 * `callcenter_config queue list members|agents <queue>` when the switch does not answer JSON; after one such
 * fallback it asks with the pipe form straight away.
 */
export class CallcenterReader {
  private preferPipes = false;

  constructor(private readonly esl: Pick<EslApi, 'api'>) {}

  async members(queue: string): Promise<QueueMemberRow[]> {
    return toMemberRows(await this.list('members', queue));
  }

  async agents(queue: string): Promise<QueueAgentRow[]> {
    return toAgentRows(await this.list('agents', queue));
  }

  private async list(what: 'members' | 'agents', queue: string): Promise<Array<Record<string, string>>> {
    const pipes = `callcenter_config queue list ${what} ${queue}`;
    if (this.preferPipes) return parsePipeTable(await this.esl.api(pipes), pipes);
    const request = JSON.stringify({ command: 'callcenter_config', data: { arguments: `queue list ${what}`, queue_name: queue } });
    try {
      return parseJsonRows(await this.esl.api(`json ${request}`), `json callcenter_config queue list ${what}`);
    } catch (jsonError) {
      let rows: Array<Record<string, string>>;
      try {
        rows = parsePipeTable(await this.esl.api(pipes), pipes);
      } catch {
        throw jsonError;
      }
      this.preferPipes = true;
      return rows;
    }
  }
}
