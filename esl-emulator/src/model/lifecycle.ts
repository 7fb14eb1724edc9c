import { randomUUID } from 'node:crypto';
import { Q850, type Channel } from './channel.js';
import { localStamp } from './event.js';
import { SITES, type SwitchCore } from './switch-core.js';

/** Who ended a call; decides when the outbound socket hears the linger notice (see transcripts 02 and 08). */
export type HangupOrigin = 'app' | 'external';

const hangupOrigins = new WeakMap<Channel, HangupOrigin>();

/** How the channel was hung up, if it was. */
export function hangupOriginOf(channel: Channel): HangupOrigin | undefined {
  return hangupOrigins.get(channel);
}

/** Hangs the channel up with `cause` and fires CHANNEL_HANGUP. Does nothing if it is already hung up. */
export function hangupChannel(core: SwitchCore, channel: Channel, cause: string, origin: HangupOrigin): void {
  if (!channel.markHungUp(cause, core.nowMicros())) return;
  hangupOrigins.set(channel, origin);
  core.fireChannelEvent('CHANNEL_HANGUP', channel, { site: SITES.hangup });
}

/** Marks the channel answered and fires CHANNEL_ANSWER. */
export function answerChannel(core: SwitchCore, channel: Channel): void {
  if (channel.answerState !== 'ringing') return;
  channel.profile.answeredMicros = core.nowMicros();
  channel.answerState = 'answered';
  core.fireChannelEvent('CHANNEL_ANSWER', channel, { site: SITES.answer });
  channel.callState = 'ACTIVE';
}

/** What an application reports when it ends: FreeSWITCH reads it from `current_application_response`. */
export type AppRunner = (channel: Channel, arg: string) => Promise<void>;

/**
 * Runs one application the way `switch_core_session_exec` does: sets `current_application[_data]`, fires
 * CHANNEL_EXECUTE, runs the app, fires CHANNEL_EXECUTE_COMPLETE with `Application-Response` from
 * `current_application_response` (or `_none_`). `applicationUuid` is the client's Event-UUID for sendmsg, or a
 * fresh one for dialplan apps.
 */
export async function executeApplication(
  core: SwitchCore,
  channel: Channel,
  app: string,
  arg: string,
  run: AppRunner,
  applicationUuid: string = randomUUID(),
): Promise<void> {
  channel.setVariable('current_application', app);
  channel.setVariable('current_application_data', arg);
  channel.setVariable('current_application_response', undefined);
  const applicationHeaders: Array<[string, string]> = [['Application', app]];
  if (arg !== '') applicationHeaders.push(['Application-Data', arg]);
  core.fireChannelEvent('CHANNEL_EXECUTE', channel, { site: SITES.execute, trailing: [...applicationHeaders, ['Application-UUID', applicationUuid]] });
  channel.setVariable('current_application', app);
  lastApplications.set(channel, { app, arg });
  await run(channel, arg);
  fireExecuteComplete(core, channel, app, arg, applicationUuid);
}

/** Fires CHANNEL_EXECUTE_COMPLETE for `app`, taking Application-Response from the channel. */
export function fireExecuteComplete(core: SwitchCore, channel: Channel, app: string, arg: string, applicationUuid: string): void {
  const trailing: Array<[string, string]> = [['Application', app]];
  if (arg !== '') trailing.push(['Application-Data', arg]);
  trailing.push(['Application-Response', channel.variables.get('current_application_response') ?? '_none_']);
  trailing.push(['Application-UUID', applicationUuid]);
  core.fireChannelEvent('CHANNEL_EXECUTE_COMPLETE', channel, { site: SITES.executeComplete, trailing });
}

const lastApplications = new WeakMap<Channel, { app: string; arg: string }>();

/**
 * Ends a hung-up channel: CHANNEL_STATE CS_HANGUP, CHANNEL_STATE CS_REPORTING, then CHANNEL_HANGUP_COMPLETE
 * carrying the CDR variables, and removes it from the switch.
 */
export function reportHangup(core: SwitchCore, channel: Channel): void {
  const cause = channel.hangupCause ?? 'NORMAL_CLEARING';
  channel.setState('CS_HANGUP', 10);
  core.fireChannelEvent('CHANNEL_STATE', channel, { site: SITES.state, variables: false });
  channel.setState('CS_REPORTING', 11);
  channel.callState = 'HANGUP';
  core.fireChannelEvent('CHANNEL_STATE', channel, { site: SITES.state, variables: false });
  addCdrVariables(core, channel, cause);
  core.fireChannelEvent('CHANNEL_HANGUP_COMPLETE', channel, { site: SITES.hangupComplete, afterCommon: [['Hangup-Cause', cause]] });
  core.channels.delete(channel.uuid);
}

function addCdrVariables(core: SwitchCore, channel: Channel, cause: string): void {
  const p = channel.profile;
  const end = p.hangupMicros || core.nowMicros();
  const start = p.createdMicros;
  const answered = p.answeredMicros;
  const seconds = (micros: number): string => String(Math.floor(micros / 1_000_000));
  const stamp = (micros: number): string => localStamp(micros / 1000);
  const durationMicros = end - start;
  const billMicros = answered ? end - answered : 0;
  const answerMicros = answered ? answered - start : 0;
  const last = lastApplications.get(channel);
  const entries: Array<[string, string]> = [
    ['hangup_cause', cause],
    ['hangup_cause_q850', String(Q850[cause] ?? 16)],
    ['digits_dialed', 'none'],
    ['start_stamp', stamp(start)],
    ['profile_start_stamp', stamp(start)],
    ...(answered ? ([['answer_stamp', stamp(answered)]] as Array<[string, string]>) : []),
    ['end_stamp', stamp(end)],
    ['start_epoch', seconds(start)],
    ['start_uepoch', String(start)],
    ['profile_start_epoch', seconds(start)],
    ['profile_start_uepoch', String(start)],
    ['answer_epoch', seconds(answered)],
    ['answer_uepoch', String(answered)],
    ['bridge_epoch', '0'],
    ['bridge_uepoch', '0'],
    ['last_hold_epoch', '0'],
    ['last_hold_uepoch', '0'],
    ['hold_accum_seconds', '0'],
    ['hold_accum_usec', '0'],
    ['hold_accum_ms', '0'],
    ['resurrect_epoch', '0'],
    ['resurrect_uepoch', '0'],
    ['progress_epoch', '0'],
    ['progress_uepoch', '0'],
    ['progress_media_epoch', '0'],
    ['progress_media_uepoch', '0'],
    ['end_epoch', seconds(end)],
    ['end_uepoch', String(end)],
    ...(last ? ([['last_app', last.app]] as Array<[string, string]>) : []),
    ...(last && last.arg !== '' ? ([['last_arg', last.arg]] as Array<[string, string]>) : []),
    ['caller_id', p.callerIdNumber],
    ['duration', seconds(durationMicros)],
    ['billsec', seconds(billMicros)],
    ['progresssec', '0'],
    ['answersec', seconds(answerMicros)],
    ['waitsec', '0'],
    ['progress_mediasec', '0'],
    ['flow_billsec', seconds(durationMicros)],
    ['mduration', String(Math.floor(durationMicros / 1000))],
    ['billmsec', String(Math.floor(billMicros / 1000))],
    ['progressmsec', '0'],
    ['answermsec', String(Math.floor(answerMicros / 1000))],
    ['waitmsec', '0'],
    ['progress_mediamsec', '0'],
    ['flow_billmsec', String(Math.floor(durationMicros / 1000))],
    ['uduration', String(durationMicros)],
    ['billusec', String(billMicros)],
    ['progressusec', '0'],
    ['answerusec', String(answerMicros)],
    ['waitusec', '0'],
    ['progress_mediausec', '0'],
    ['flow_billusec', String(durationMicros)],
    ['is_loopback', '1'],
  ];
  for (const [name, value] of entries) channel.setVariable(name, value);
}
