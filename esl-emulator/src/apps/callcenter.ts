import { randomUUID } from 'node:crypto';
import type { CallingSite } from '../model/event.js';
import { SITES } from '../model/switch-core.js';
import type { AppContext, Application } from './app-context.js';
import { hangupPromise, playFile, setPlaybackVariables, speakAloud } from './media.js';
import { speakText } from '../wire/app-arguments.js';
import { pressDigit } from './play-and-get-digits.js';
import type { QueueMember } from './queue-registry.js';

/** `cc_cancel_reason` values (mod_callcenter's MEMBER_CANCEL_REASON_CHART) the emulator produces. */
type CancelReason = 'TIMEOUT' | 'NO_AGENT_TIMEOUT' | 'EXIT_WITH_KEY';

type Departure = { kind: 'agent'; agent: string; talkSeconds: number } | { kind: 'cancel'; reason: CancelReason; key?: string } | { kind: 'hangup' };

function fireMemberEvent(context: AppContext, member: QueueMember, action: string, extra: Array<[string, string]>, site: CallingSite = SITES.ccMemberStart): void {
  context.core.fireChannelEvent('CUSTOM', context.channel, {
    site,
    subclass: 'callcenter::info',
    leading: [['Event-Subclass', 'callcenter::info']],
    trailing: [
      ['CC-Queue', member.queue],
      ['CC-Action', action],
      ...extra,
      ['CC-Member-UUID', member.uuid],
      ['CC-Member-Session-UUID', member.sessionUuid],
      ['CC-Member-CID-Number', member.cidNumber],
    ],
  });
}

function fireMembersCount(context: AppContext, queue: string): void {
  context.core.fire(
    context.core.plainEvent(
      'CUSTOM',
      SITES.ccCount,
      [
        ['CC-Queue', queue],
        ['CC-Action', 'members-count'],
        ['CC-Count', String(context.queues.waitingCount(queue))],
        ['CC-Selection', 'Single-Queue'],
      ],
      undefined,
      [['Event-Subclass', 'callcenter::info']],
      'callcenter::info',
    ),
  );
}

/** Seconds after joining at which the member leaves without an agent, and why. */
function cancelDeadline(context: AppContext, queue: string): { seconds: number; reason: 'TIMEOUT' | 'NO_AGENT_TIMEOUT' } | undefined {
  const config = context.queues.config(queue);
  const candidates: Array<{ seconds: number; reason: 'TIMEOUT' | 'NO_AGENT_TIMEOUT' }> = [];
  if (config?.maxWaitTimeSeconds) candidates.push({ seconds: config.maxWaitTimeSeconds, reason: 'TIMEOUT' });
  if ((config?.agents ?? []).length === 0 && config?.maxWaitTimeWithNoAgentSeconds) {
    candidates.push({ seconds: config.maxWaitTimeWithNoAgentSeconds + (config.maxWaitTimeWithNoAgentTimeReachedSeconds ?? 0), reason: 'NO_AGENT_TIMEOUT' });
  }
  return candidates.sort((a, b) => a.seconds - b.seconds)[0];
}

/** Keys that stop a `playback` / `speak` (mod_dptools on_dtmf): `playback_terminators`, default `*`. */
function playbackTerminators(context: AppContext): string {
  const value = context.channel.variables.get('playback_terminators') ?? '*';
  if (value.toLowerCase() === 'any') return '1234567890*#';
  if (value.toLowerCase() === 'none') return '';
  return value;
}

/**
 * Runs the member's `uuid_broadcast`s one after another, nested in the hold-music loop as FreeSWITCH does. While
 * one plays, callcenter's own DTMF callback is not reading: `playback` and `speak` dequeue every key pressed
 * meanwhile (stopping on a playback_terminator) so callcenter never sees it; `loop_playback +N <file>` plays with
 * no input callback and leaves the keys queued for callcenter. `uuid_break` stops the one playing and drops the rest.
 */
function hostAnnouncements(context: AppContext, announcementOver: () => void): { busy: () => boolean; stop: () => void } {
  const channel = context.channel;
  let playing = false;
  let generation = 0;
  let chain: Promise<void> = Promise.resolve();
  const run = async (app: string, arg: string): Promise<void> => {
    let stopListening: () => void = () => undefined;
    const interrupted = new Promise<void>((resolve) => {
      const stopBreak = channel.onBreak(() => {
        generation++;
        resolve();
      });
      let stopDtmf: () => void = () => undefined;
      if (app === 'playback' || app === 'speak') {
        const terminators = playbackTerminators(context);
        const read = (): void => {
          for (let digit = channel.dequeueDtmf(); digit !== undefined; digit = channel.dequeueDtmf()) {
            context.note(`${app} (uuid_broadcast) took DTMF ${digit}`);
            if (terminators.includes(digit)) {
              channel.setVariable('playback_terminator_used', digit);
              resolve();
              return;
            }
          }
        };
        stopDtmf = channel.onDtmfQueued(read);
        read();
      }
      stopListening = () => {
        stopBreak();
        stopDtmf();
      };
    });
    try {
      if (app === 'playback') await playFile(context, arg, interrupted);
      else if (app === 'speak') await speakAloud(context, speakText(arg).text, interrupted);
      else if (app === 'loop_playback') {
        const match = /^\+(-?\d+) (.*)$/s.exec(arg);
        const times = match ? Number(match[1]) : 1;
        const file = match ? (match[2] as string) : arg;
        for (let i = 0; times < 0 || i < times; i++) if (!(await playFile(context, file, interrupted)).completed) break;
      } else context.note(`${app} (uuid_broadcast): not an application the emulator runs in a queue; skipped`);
    } finally {
      stopListening();
    }
  };
  const stop = channel.hostBroadcasts((app, arg) => {
    const queuedIn = generation;
    chain = chain.then(async () => {
      if (queuedIn !== generation || channel.isHungUp) return;
      playing = true;
      try {
        await run(app, arg);
      } finally {
        playing = false;
        announcementOver();
      }
    });
  });
  return {
    busy: () => playing,
    stop: () => {
      generation++;
      stop();
    },
  };
}

async function waitForDeparture(context: AppContext, queue: string): Promise<Departure> {
  const config = context.queues.config(queue);
  const waits: Array<Promise<Departure>> = [hangupPromise(context).then(() => ({ kind: 'hangup' as const }))];
  const deadline = cancelDeadline(context, queue);
  if (deadline) waits.push(context.sleep(deadline.seconds * 1000).then(() => ({ kind: 'cancel', reason: deadline.reason })));
  const agent = [...(config?.agents ?? [])].filter((a) => (a.status ?? 'Available').startsWith('Available')).sort((a, b) => a.answerAfterSeconds - b.answerAfterSeconds)[0];
  if (agent) {
    waits.push(context.sleep(agent.answerAfterSeconds * 1000).then(() => ({ kind: 'agent', agent: agent.name, talkSeconds: agent.talkSeconds ?? 30 })));
  }
  // The hold music's DTMF callback (moh_on_dtmf) takes every digit on the channel — the caller's, or one queued
  // with uuid_recv_dtmf — and a digit in cc_exit_keys ends the wait with EXIT_WITH_KEY, the key in cc_exit_key.
  // uuid_break does not end it: the wait loop just starts the hold music again.
  const channel = context.channel;
  const exitKeys = channel.variables.get('cc_exit_keys') ?? '';
  let stopListening: () => void = () => undefined;
  let take: () => void = () => undefined;
  const announcements = hostAnnouncements(context, () => take());
  waits.push(
    new Promise<Departure>((resolve) => {
      take = (): void => {
        // A broadcast app playing nested in the wait owns the channel's keys until it returns.
        if (announcements.busy()) return;
        for (let digit = channel.dequeueDtmf(); digit !== undefined; digit = channel.dequeueDtmf()) {
          pressDigit(context, digit);
          if (exitKeys.includes(digit)) {
            stopListening();
            resolve({ kind: 'cancel', reason: 'EXIT_WITH_KEY', key: digit });
            return;
          }
        }
      };
      stopListening = channel.onDtmfQueued(take);
      take();
    }),
  );
  void Promise.race(waits).then(() => {
    stopListening();
    // callcenter stops the member's broadcasts when it returns (switch_channel_stop_broadcast).
    announcements.stop();
  });
  const pressed = context.script.queueDtmf;
  if (pressed) void context.sleep(pressed.afterMs ?? 0).then((up) => up && channel.queueDtmf(pressed.digits));
  return Promise.race(waits);
}

/**
 * Where the caller goes when the agent hangs up. mod_callcenter bridged it with switch_ivr_uuid_bridge, which took
 * it out of the `socket` app: with `park_after_bridge=true` the bridge parks it (switch_ivr_bridge.c) and the
 * socket session keeps it; otherwise the dialplan carries on after `socket` (on FreeSWITCH 1.10.12 the project's
 * fallback bridged the caller to the operator) — in the emulator's dialplan that is its closing `hangup`.
 */
function leaveAgentCall(context: AppContext): void {
  if (context.channel.isHungUp) return;
  if (context.channel.variables.get('park_after_bridge') === 'true') {
    context.note('callcenter: agent call over, caller parked (park_after_bridge)');
    return;
  }
  context.note('callcenter: agent call over without park_after_bridge: the dialplan carries on after socket');
  context.hangup('NORMAL_CLEARING');
}

/**
 * `callcenter <queue>`: joins the queue as a member, plays hold music, and leaves when an agent answers,
 * max-wait-time (TIMEOUT) or the no-agent limits (NO_AGENT_TIMEOUT) pass, a key in `cc_exit_keys` is pressed
 * (EXIT_WITH_KEY; also one queued with `uuid_recv_dtmf`), or the caller hangs up — with the callcenter::info events and `cc_*` variables of transcript 05.
 */
export const callcenter: Application = async (context, arg) => {
  const queue = arg.trim();
  const channel = context.channel;
  const joined = Math.floor(context.core.clock.now() / 1000);
  const member: QueueMember = {
    queue,
    uuid: randomUUID(),
    sessionUuid: channel.uuid,
    cidNumber: channel.profile.callerIdNumber,
    cidName: channel.profile.callerIdNumber,
    joinedEpoch: joined,
    state: 'Waiting',
    servingAgent: '',
    abandonedEpoch: 0,
    baseScore: Number.parseInt(channel.variables.get('cc_base_score') ?? '', 10) || 0,
    bridgeEpoch: 0,
  };
  channel.setVariable('cc_side', 'member');
  channel.setVariable('cc_member_uuid', member.uuid);
  channel.setVariable('cc_queue_joined_epoch', String(joined));
  channel.setVariable('cc_queue', queue);
  context.queues.add(member);
  fireMemberEvent(context, member, 'member-queue-start', []);
  fireMembersCount(context, queue);
  const started = context.core.clock.now();
  const departure = await waitForDeparture(context, queue);
  setPlaybackVariables(context, Math.round(context.core.clock.now() - started));
  const left = Math.floor(context.core.clock.now() / 1000);
  if (departure.kind === 'agent') {
    member.state = 'Answered';
    member.servingAgent = departure.agent;
    member.bridgeEpoch = left;
    const activity = context.queues.agentActivity(departure.agent);
    activity.inCall += 1;
    channel.setVariable('cc_agent', departure.agent);
    channel.setVariable('cc_queue_answered_epoch', String(left));
    // The agent thread sets cc_agent_found before it bridges the caller (switch_ivr_uuid_bridge).
    channel.setVariable('cc_agent_found', 'true');
    fireMemberEvent(context, member, 'bridge-agent-start', [['CC-Agent', departure.agent]]);
    // audio_bridge_thread passes every digit queued on the caller's channel to the agent (the agent hears it),
    // unless bridge_filter_dtmf was true when the bridge started (switch_ivr_bridge.c).
    const filtered = channel.variables.get('bridge_filter_dtmf') === 'true';
    for (let digit = channel.dequeueDtmf(); digit !== undefined; digit = channel.dequeueDtmf()) {
      context.note(filtered ? `bridge: dropping filtered DTMF ${digit} received on the caller` : `bridge: DTMF ${digit} sent to agent ${departure.agent}`);
    }
    await context.sleep(departure.talkSeconds * 1000);
    const ended = Math.floor(context.core.clock.now() / 1000);
    activity.inCall -= 1;
    activity.callsAnswered += 1;
    activity.talkSeconds += ended - left;
    channel.setVariable('cc_queue_terminated_epoch', String(ended));
    channel.setVariable('cc_cause', 'answered');
    // As mod_callcenter's bridge-agent-end: the agent call's own stamps (epoch seconds).
    fireMemberEvent(context, member, 'bridge-agent-end', [
      ['CC-Agent', departure.agent],
      ['CC-Agent-Answered-Time', String(left)],
      ['CC-Member-Joined-Time', String(joined)],
      ['CC-Bridge-Terminated-Time', String(ended)],
    ]);
    fireMemberEvent(context, member, 'member-queue-end', [['CC-Member-Leaving-Time', String(ended)], ['CC-Member-Joined-Time', String(joined)], ['CC-Cause', 'Terminated']], SITES.ccMemberEnd);
    // mod_callcenter deletes an answered member's row when its call with the agent ends.
    context.queues.remove(member);
    leaveAgentCall(context);
  } else {
    const reason = departure.kind === 'hangup' ? undefined : departure.reason;
    fireMemberEvent(
      context,
      member,
      'member-queue-end',
      [['CC-Member-Leaving-Time', String(left)], ['CC-Member-Joined-Time', String(joined)], ['CC-Cause', 'Cancel'], ['CC-Cancel-Reason', reason ?? 'NONE']],
      SITES.ccMemberEnd,
    );
    // The row stays as Abandoned, without its session, until discard-abandoned-after (transcript 05).
    member.state = 'Abandoned';
    member.sessionUuid = '';
    member.abandonedEpoch = left;
    channel.setVariable('cc_queue_canceled_epoch', String(left));
    channel.setVariable('cc_cause', 'cancel');
    if (reason) channel.setVariable('cc_cancel_reason', reason);
    if (departure.kind === 'cancel' && departure.key !== undefined) channel.setVariable('cc_exit_key', departure.key);
  }
  // callcenter_function clears cc_agent_found when it returns.
  channel.setVariable('cc_agent_found', undefined);
  fireMembersCount(context, queue);
};
