import type { Application, AppContext } from './app-context.js';
import { splitOnSpaces } from '../wire/app-arguments.js';
import { hangupPromise, playFile } from './media.js';

interface DigitsArguments {
  readonly min: number;
  readonly max: number;
  readonly tries: number;
  readonly timeoutMs: number;
  readonly terminators: string;
  readonly prompt: string;
  readonly invalidPrompt: string;
  readonly variable: string;
  readonly pattern: RegExp | undefined;
}

function parseArguments(arg: string): DigitsArguments {
  // Quoted words and escapes as FreeSWITCH reads them (argv[11]), so prompts like 'say:For sales, press 1.' stay
  // one argument. An empty terminator argument means `#`.
  const [min = '1', max = '1', tries = '1', timeout = '3000', terminatorArgument = '', prompt = '', invalid = '', variable = 'digits', regex] = splitOnSpaces(arg, 11);
  const terminators = terminatorArgument === '' ? '#' : terminatorArgument;
  let pattern: RegExp | undefined;
  try {
    pattern = regex ? new RegExp(regex) : undefined;
  } catch {
    pattern = undefined;
  }
  return {
    min: Number(min) || 1,
    max: Number(max) || 1,
    tries: Math.max(1, Number(tries) || 1),
    timeoutMs: Number(timeout) || 3000,
    terminators,
    prompt,
    invalidPrompt: invalid,
    variable,
    pattern,
  };
}

/** Fires the DTMF event FreeSWITCH fires when a digit is dequeued from the channel. */
export function pressDigit(context: AppContext, digit: string): void {
  context.core.fireChannelEvent('DTMF', context.channel, {
    site: { file: 'switch_channel.c', func: 'switch_channel_dequeue_dtmf', line: 677 },
    variables: false,
    trailing: [
      ['DTMF-Digit', digit],
      ['DTMF-Duration', '2000'],
      ['DTMF-Source', 'UNKNOWN'],
    ],
  });
}

/**
 * `play_and_get_digits min max tries timeout terminators prompt invalid_prompt var regex`: plays the prompt,
 * collects the caller's scripted digits, sets `read_result` to success or failure and, on success, the
 * variable. The variable is cleared at the start, so after silence it is absent (transcript 03). A scripted
 * entry longer than max_digits is treated like one off the regex.
 */
export const playAndGetDigits: Application = async (context, arg) => {
  const options = parseArguments(arg);
  const input = context.nextDtmf();
  context.channel.setVariable(options.variable, undefined);
  context.channel.setVariable(`${options.variable}_invalid`, undefined);
  for (let attempt = 0; attempt < options.tries && !context.channel.isHungUp; attempt++) {
    const digits = attempt === 0 && input ? input.digits.replace(new RegExp(`[${options.terminators.replace(/[\]\\^-]/g, '\\$&')}]`, 'g'), '') : '';
    const pressed = attempt === 0 && input ? context.sleep(input.afterMs ?? 20) : undefined;
    await playFile(context, options.prompt, pressed);
    if (context.channel.isHungUp) return;
    if (attempt === 0 && input) {
      await pressed;
      for (const digit of input.digits) pressDigit(context, digit);
    } else {
      await Promise.race([context.sleep(options.timeoutMs), hangupPromise(context)]);
      if (context.channel.isHungUp) return;
    }
    // switch_ivr_read: an entry shorter than min_digits (or none) is TOO_SMALL → read_result=failure, and the
    // digits it did get stay in the variable. play_and_get_digits tests its regex only on a successful read, so
    // only an entry of a good length that is off the regex lands in <var>_invalid (variable cleared, read_result
    // left at success) — a too-short one looks like silence but for the variable (switch_ivr_play_say.c).
    const read = digits.length >= options.min && digits.length > 0;
    context.channel.setVariable('read_result', read ? 'success' : 'failure');
    if (!read) {
      if (digits !== '') context.channel.setVariable(options.variable, digits);
    } else if (digits.length <= options.max && (options.pattern?.test(digits) ?? true)) {
      context.channel.setVariable(options.variable, digits);
      return;
    } else {
      context.channel.setVariable(options.variable, undefined);
      context.channel.setVariable(`${options.variable}_invalid`, digits);
    }
    if (options.invalidPrompt) await playFile(context, options.invalidPrompt);
  }
};
