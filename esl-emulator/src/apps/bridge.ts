import { randomUUID } from 'node:crypto';
import type { BridgeOutcome } from '../script.js';
import type { AppContext, Application } from './app-context.js';

const DIAL_STATUS: Record<string, string> = {
  USER_BUSY: 'BUSY',
  NO_ANSWER: 'NOANSWER',
  NO_ROUTE_DESTINATION: 'NO_ROUTE_DESTINATION',
  CALL_REJECTED: 'CALL_REJECTED',
};

function defaultOutcome(dialString: string): BridgeOutcome {
  const error = /^error\/([a-z_]+)/i.exec(dialString);
  if (error?.[1]) return { result: error[1].toUpperCase() as 'USER_BUSY' };
  return { result: 'success' };
}

/** Whether `continue_on_fail` (true, or a comma list of causes) lets the dialplan go on after `cause`. */
function continuesOnFail(context: AppContext, cause: string): boolean {
  const value = context.channel.variables.get('continue_on_fail');
  if (value === undefined) return false;
  if (value === 'true') return true;
  return value.split(',').map((item) => item.trim()).includes(cause);
}

/**
 * `bridge <dial string>` with a scripted outcome. A failure sets the originate variables FreeSWITCH sets
 * (transcript 06); without `continue_on_fail` it hangs up the calling channel with the failure cause.
 */
export const bridge: Application = async (context, arg) => {
  const outcome = context.nextBridgeOutcome() ?? defaultOutcome(arg);
  const channel = context.channel;
  if (outcome.result === 'success') {
    const peer = randomUUID();
    channel.setVariable('originate_disposition', 'SUCCESS');
    channel.setVariable('DIALSTATUS', 'SUCCESS');
    channel.setVariable('bridge_uuid', peer);
    channel.setVariable('last_bridge_to', peer);
    await context.sleep((outcome.talkSeconds ?? 30) * 1000);
    if (!channel.isHungUp) channel.setVariable('last_bridge_hangup_cause', 'NORMAL_CLEARING');
    return;
  }
  const cause = outcome.result;
  if (!arg.startsWith('error/')) {
    // A real endpoint was tried: FreeSWITCH records the leg it created.
    const leg = randomUUID();
    channel.setVariable('originate_signal_bond', leg);
    channel.setVariable('originated_legs', `${leg};Outbound Call;${arg.split('/')[1] ?? arg}`);
    channel.setVariable('last_bridge_hangup_cause', cause);
    channel.setVariable('originate_disposition', cause);
    channel.setVariable('DIALSTATUS', DIAL_STATUS[cause] ?? cause);
    channel.setVariable('originate_causes', `${leg};${cause}`);
  } else {
    channel.setVariable('originate_disposition', cause);
    channel.setVariable('DIALSTATUS', DIAL_STATUS[cause] ?? cause);
  }
  channel.setVariable('originate_failed_cause', cause);
  if (!continuesOnFail(context, cause)) context.hangup(cause);
};
