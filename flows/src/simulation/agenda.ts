import type { CallEvent } from '../interpreter/events.js';

/**
 * `automatic`: the switch or a service answers on its own (a prompt finished, the queue's state, a transfer
 * result); the simulation runs through these without the tester. `patience`: happens only if the caller lets
 * time pass (no-input timeouts, timers, queue announcements, an agent answering).
 */
export type AgendaKind = 'automatic' | 'patience';

export interface AgendaItem {
  at: number;
  kind: AgendaKind;
  event: CallEvent;
  /** Queue position reports reschedule themselves while the caller waits. */
  repeatEveryMs?: number;
}

/**
 * The simulated call's future: events due at virtual times, in time order (ties in the order they were added).
 * No timers: the simulation pops the next item and jumps its clock to it.
 */
export class Agenda {
  private items: Array<AgendaItem & { order: number }> = [];
  private added = 0;

  add(item: AgendaItem): void {
    const entry = { ...item, order: this.added++ };
    let index = this.items.length;
    while (index > 0 && (this.items[index - 1] as AgendaItem).at > entry.at) index--;
    this.items.splice(index, 0, entry);
  }

  peek(): AgendaItem | undefined {
    return this.items[0];
  }

  shift(): AgendaItem | undefined {
    return this.items.shift();
  }

  /** Drops every item `reject` picks. */
  remove(reject: (item: AgendaItem) => boolean): void {
    this.items = this.items.filter((item) => !reject(item));
  }

  clear(): void {
    this.items = [];
  }

  get size(): number {
    return this.items.length;
  }

  list(): readonly AgendaItem[] {
    return this.items;
  }
}
