import { renderJsonEvent, renderPlainEvent, type SwitchEvent } from './event.js';

/**
 * What one ESL connection asked to receive with `event plain|json <names>` (and `myevents` on outbound
 * sockets). A later `event json` switches the whole connection to JSON, as FreeSWITCH does.
 */
export class EventSubscription {
  format: 'plain' | 'json' = 'plain';
  private readonly names = new Set<string>();
  private readonly subclasses = new Set<string>();
  /** Set by `myevents`: only events about this channel. */
  channelUuid: string | undefined;

  /** Applies `event <format> <tokens>`; returns the reply text. */
  subscribe(format: 'plain' | 'json', tokens: readonly string[]): string {
    this.format = format;
    let custom = false;
    for (const token of tokens) {
      if (token === 'CUSTOM') custom = true;
      else if (custom && token.includes('::')) this.subclasses.add(token);
      else this.names.add(token.toUpperCase());
    }
    if (custom) this.names.add('CUSTOM');
    return `+OK event listener enabled ${format}`;
  }

  /** `myevents`: every event about `uuid` (CUSTOM ones still need their subclass). */
  subscribeToChannel(uuid: string): void {
    this.channelUuid = uuid;
  }

  /** `noevents`. */
  clear(): void {
    this.names.clear();
    this.subclasses.clear();
    this.channelUuid = undefined;
  }

  wants(event: SwitchEvent): boolean {
    const custom = event.name === 'CUSTOM';
    const subclassWanted = custom && event.subclass !== undefined && this.subclasses.has(event.subclass);
    if (this.channelUuid !== undefined) return event.channelUuid === this.channelUuid && (!custom || subclassWanted);
    if (this.names.has('ALL')) return !custom || subclassWanted || this.subclasses.size === 0;
    if (custom) return this.names.has('CUSTOM') && subclassWanted;
    return this.names.has(event.name);
  }

  render(event: SwitchEvent): string {
    return this.format === 'json' ? renderJsonEvent(event) : renderPlainEvent(event);
  }
}
