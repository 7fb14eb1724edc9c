import type { QueueConfig } from '../script.js';

/** One row of `callcenter_config queue list members`. */
export interface QueueMember {
  readonly queue: string;
  readonly uuid: string;
  sessionUuid: string;
  readonly cidNumber: string;
  readonly cidName: string;
  readonly joinedEpoch: number;
  state: 'Waiting' | 'Trying' | 'Answered' | 'Abandoned';
  servingAgent: string;
  abandonedEpoch: number;
  /** `cc_base_score` the member joined with (a callback keeping its place joins with its earlier wait). */
  baseScore: number;
  bridgeEpoch: number;
}

/** What `queue list agents` shows for one agent beyond its configuration. */
export interface AgentActivity {
  inCall: number;
  callsAnswered: number;
  talkSeconds: number;
}

/** The callcenter queues of the emulated switch and the members waiting in (or recently leaving) them. */
export class QueueRegistry {
  private readonly members: QueueMember[] = [];
  private readonly activity = new Map<string, AgentActivity>();

  constructor(readonly queues: Readonly<Record<string, QueueConfig>>) {}

  config(queue: string): QueueConfig | undefined {
    return this.queues[queue];
  }

  add(member: QueueMember): void {
    this.members.push(member);
  }

  /** Members of a queue that still count: everyone but abandoned rows older than `discard-abandoned-after`. */
  membersOf(queue: string, nowEpoch: number): QueueMember[] {
    const discardAfter = this.queues[queue]?.discardAbandonedAfterSeconds ?? 60;
    return this.members.filter((m) => m.queue === queue && !(m.state === 'Abandoned' && nowEpoch - m.abandonedEpoch >= discardAfter));
  }

  remove(member: QueueMember): void {
    const index = this.members.indexOf(member);
    if (index !== -1) this.members.splice(index, 1);
  }

  /** Counters of one agent (created on first use). */
  agentActivity(agent: string): AgentActivity {
    let activity = this.activity.get(agent);
    if (!activity) {
      activity = { inCall: 0, callsAnswered: 0, talkSeconds: 0 };
      this.activity.set(agent, activity);
    }
    return activity;
  }

  /** Members actively waiting (what the `members-count` event reports). */
  waitingCount(queue: string): number {
    return this.members.filter((m) => m.queue === queue && (m.state === 'Waiting' || m.state === 'Trying')).length;
  }
}
